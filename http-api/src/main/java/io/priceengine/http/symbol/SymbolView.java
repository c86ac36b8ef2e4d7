package io.priceengine.http.symbol;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.persistence.history.LastPrices.LastPrice;
import java.time.Instant;

/**
 * A symbol as GET/POST /symbols show it: its listing plus who priced it last and when (from the
 * master table, so it trails the live quote by the projection lag).
 */
public record SymbolView(
    String symbol,
    String companyName,
    String status,
    String provider,
    String addedSource,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Quote.TIME_PATTERN, timezone = "UTC")
        Instant createdAt,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = Quote.TIME_PATTERN, timezone = "UTC")
        Instant lastPriceAt) {

  /** {@code lastPrice} is null while the symbol has no projected price. */
  public static SymbolView of(Listing listing, LastPrice lastPrice) {
    return new SymbolView(
        listing.symbol(),
        listing.companyName(),
        listing.active() ? Quote.ACTIVE : Quote.INACTIVE,
        lastPrice == null ? null : lastPrice.provider(),
        listing.addedSource(),
        listing.createdAt(),
        lastPrice == null ? null : lastPrice.at());
  }
}
