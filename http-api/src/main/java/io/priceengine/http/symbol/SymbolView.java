package io.priceengine.http.symbol;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.Quote;
import java.time.Instant;

/** A symbol as GET/POST /symbols show it: its listing plus who priced it last and when. */
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

  public static SymbolView of(Listing listing, Quote quote) {
    return new SymbolView(
        listing.symbol(),
        listing.companyName(),
        listing.active() ? Quote.ACTIVE : Quote.INACTIVE,
        quote == null ? null : quote.provider(),
        listing.addedSource(),
        listing.createdAt(),
        quote == null ? null : quote.lastUpdated());
  }
}
