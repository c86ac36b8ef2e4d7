package io.priceengine.persistence.history;

import io.priceengine.engine.symbol.Prices;
import io.priceengine.persistence.db.SqlReads;
import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Reads a symbol's price history and candles from the tables the projection writes. Both are empty
 * for a symbol without projected prices, known or not (docs/projection.md).
 */
public final class PriceHistory {

  // Newest first by history id (the entity's acceptance order; source timestamps never go back),
  // along the primary key. One row more than asked tells whether another page exists.
  private static final String PAGE =
      """
      SELECT h.history_id, h.price, h.volume, h.open, h.high, h.low, h.previous_close,
        h.source_timestamp, h.fetched_at, p.code AS provider
      FROM realtime_price_history h JOIN market_data_providers p ON p.id = h.provider_id
      WHERE h.symbol = $1 AND h.history_id < $2
        AND h.source_timestamp >= $3 AND h.source_timestamp < $4
      ORDER BY h.history_id DESC
      LIMIT $5""";

  // A tick's volume is its provider's cumulative volume of the day; what a candle shows is how
  // much that grew: each tick adds its excess over the largest volume reported earlier the same
  // UTC day (the first tick of a day adds all of it). Ticks from the start of from's day take part
  // so that the first candle is computed like any other.
  private static final String CANDLES =
      """
      WITH ticks AS (
        SELECT history_id, price, volume, source_timestamp,
          floor(extract(epoch FROM source_timestamp) / $2)::bigint AS bucket,
          CASE WHEN volume IS NULL THEN 0
               WHEN before IS NULL THEN volume
               ELSE greatest(volume - before, 0) END AS traded
        FROM (
          SELECT history_id, price, volume, source_timestamp,
            max(volume) OVER (
              PARTITION BY (source_timestamp AT TIME ZONE 'UTC')::date ORDER BY history_id
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
          FROM realtime_price_history
          WHERE symbol = $1 AND source_timestamp >= $5 AND source_timestamp < $4
        ) day_ticks
      )
      SELECT bucket,
        (array_agg(price ORDER BY history_id))[1] AS open,
        max(price) AS high,
        min(price) AS low,
        (array_agg(price ORDER BY history_id DESC))[1] AS close,
        CASE WHEN count(volume) = 0 THEN NULL ELSE sum(traded) END AS volume,
        count(*) AS ticks
      FROM ticks
      WHERE source_timestamp >= $3
      GROUP BY bucket
      ORDER BY bucket""";

  private final SqlReads reads;

  public PriceHistory(SqlReads reads) {
    this.reads = reads;
  }

  public CompletionStage<HistoryPage> page(String symbol, HistoryQuery query) {
    return reads
        .list(
            PAGE,
            statement ->
                statement
                    .bind(0, symbol)
                    .bind(1, query.before())
                    .bind(2, query.from())
                    .bind(3, query.to())
                    .bind(4, query.limit() + 1),
            PriceHistory::item)
        .thenApply(
            items ->
                items.size() > query.limit()
                    ? new HistoryPage(
                        symbol,
                        items.subList(0, query.limit()),
                        items.get(query.limit() - 1).historyId())
                    : new HistoryPage(symbol, items, null));
  }

  /** Candles of prices with source timestamps in [{@code from}, {@code to}), oldest first. */
  public CompletionStage<List<Candle>> candles(
      String symbol, CandleInterval interval, Instant from, Instant to) {
    long width = interval.width().toSeconds();
    Instant dayStart =
        LocalDate.ofInstant(from, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    return reads.list(
        CANDLES,
        statement ->
            statement.bind(0, symbol).bind(1, width).bind(2, from).bind(3, to).bind(4, dayStart),
        row ->
            new Candle(
                Instant.ofEpochSecond(row.get("bucket", Long.class) * width),
                price(row, "open"),
                price(row, "high"),
                price(row, "low"),
                price(row, "close"),
                row.get("volume", Long.class),
                row.get("ticks", Long.class)));
  }

  private static HistoryItem item(Row row) {
    return new HistoryItem(
        row.get("history_id", Long.class),
        price(row, "price"),
        row.get("volume", Long.class),
        price(row, "open"),
        price(row, "high"),
        price(row, "low"),
        price(row, "previous_close"),
        row.get("source_timestamp", Instant.class),
        row.get("fetched_at", Instant.class),
        row.get("provider", String.class));
  }

  /** NUMERIC(15,4) comes back with four decimals; the API writes each price in one way. */
  private static BigDecimal price(Row row, String column) {
    return Prices.canonical(row.get(column, BigDecimal.class));
  }
}
