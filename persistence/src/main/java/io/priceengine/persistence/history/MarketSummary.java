package io.priceengine.persistence.history;

import io.priceengine.engine.symbol.Prices;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.persistence.db.SqlReads;
import java.math.BigDecimal;
import java.util.concurrent.CompletionStage;

/**
 * The market at a glance for the admin metrics, from the read tables in one query: symbols known
 * (symbol_universe), how many are active, and the mean current price (realtime_symbols). It trails
 * the entities by the projection lag, and never waits on them.
 */
public final class MarketSummary {

  private static final String SUMMARY =
      """
      SELECT count(*) AS total, count(*) FILTER (WHERE status = $1) AS active,
        (SELECT round(avg(current_price), 4) FROM realtime_symbols) AS average_price
      FROM symbol_universe""";

  /** {@code averagePrice} is null while no symbol has a price. */
  public record Summary(long totalSymbols, long activeSymbols, BigDecimal averagePrice) {}

  private final SqlReads reads;

  public MarketSummary(SqlReads reads) {
    this.reads = reads;
  }

  public CompletionStage<Summary> current() {
    return reads
        .list(
            SUMMARY,
            statement -> statement.bind(0, Quote.ACTIVE),
            row ->
                new Summary(
                    row.get("total", Long.class),
                    row.get("active", Long.class),
                    Prices.canonical(row.get("average_price", BigDecimal.class))))
        .thenApply(rows -> rows.get(0));
  }
}
