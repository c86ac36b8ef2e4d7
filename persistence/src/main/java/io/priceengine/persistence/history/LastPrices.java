package io.priceengine.persistence.history;

import io.priceengine.persistence.db.SqlReads;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Who priced each symbol last and when, from the master table in one query: what the symbol list
 * shows beside each listing. It trails the entities by the projection lag, and never waits on them,
 * so listing 10,000 symbols costs one indexed scan instead of 10,000 actor asks.
 */
public final class LastPrices {

  private static final String ALL =
      """
      SELECT s.symbol, p.code AS provider, s.last_updated
      FROM realtime_symbols s JOIN market_data_providers p ON p.id = s.provider_id""";

  /** The provider code of a symbol's current price and that price's time. */
  public record LastPrice(String provider, Instant at) {}

  private final SqlReads reads;

  public LastPrices(SqlReads reads) {
    this.reads = reads;
  }

  /** Every priced symbol's last price; a symbol without a projected price is absent. */
  public CompletionStage<Map<String, LastPrice>> all() {
    return reads
        .list(
            ALL,
            statement -> statement,
            row ->
                Map.<String, LastPrice>entry(
                    row.get("symbol", String.class),
                    new LastPrice(
                        row.get("provider", String.class), row.get("last_updated", Instant.class))))
        .thenApply(
            rows ->
                rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
