package io.priceengine.persistence.history;

import io.priceengine.engine.symbol.Prices;
import io.priceengine.engine.symbol.SessionCalendar;
import io.priceengine.persistence.db.SqlReads;
import io.r2dbc.spi.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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

  // A tick's volume is its provider's cumulative volume of the session; what a candle shows is how
  // much that grew: each tick adds its excess over the largest volume reported earlier in the same
  // session (the first tick of a session adds all of it). Ticks from the start of from's session
  // take part so that the first candle is computed like any other. Sessions are days in zone $7
  // starting at local time $8 (SessionCalendar). With $6 (the 1d interval) a bucket is a session,
  // and its open, high and low are its last tick's: the session statistics that tick carried, as
  // its quote and daily row show them (prices only, for ticks written before they were derived).
  private static final String CANDLES =
      """
      WITH ticks AS (
        SELECT history_id, price, open, high, low, volume, source_timestamp,
          CASE WHEN $6 THEN (session - DATE '1970-01-01')::bigint
               ELSE floor(extract(epoch FROM source_timestamp) / $2)::bigint END AS bucket,
          CASE WHEN volume IS NULL THEN 0
               WHEN before IS NULL THEN volume
               ELSE greatest(volume - before, 0) END AS traded
        FROM (
          SELECT history_id, price, open, high, low, volume, source_timestamp, session,
            max(volume) OVER (
              PARTITION BY session ORDER BY history_id
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
          FROM (
            SELECT history_id, price, open, high, low, volume, source_timestamp,
              CASE WHEN (source_timestamp AT TIME ZONE $7)::time < $8::time
                   THEN (source_timestamp AT TIME ZONE $7)::date - 1
                   ELSE (source_timestamp AT TIME ZONE $7)::date END AS session
            FROM realtime_price_history
            WHERE symbol = $1 AND source_timestamp >= $5 AND source_timestamp < $4
          ) in_range
        ) session_ticks
      )
      SELECT bucket,
        CASE WHEN $6 THEN coalesce((array_agg(open ORDER BY history_id DESC))[1],
                                   (array_agg(price ORDER BY history_id))[1])
             ELSE (array_agg(price ORDER BY history_id))[1] END AS open,
        CASE WHEN $6 THEN coalesce((array_agg(high ORDER BY history_id DESC))[1], max(price))
             ELSE max(price) END AS high,
        CASE WHEN $6 THEN coalesce((array_agg(low ORDER BY history_id DESC))[1], min(price))
             ELSE min(price) END AS low,
        (array_agg(price ORDER BY history_id DESC))[1] AS close,
        CASE WHEN count(volume) = 0 THEN NULL ELSE sum(traded) END AS volume,
        count(*) AS ticks
      FROM ticks
      WHERE source_timestamp >= $3
      GROUP BY bucket
      ORDER BY bucket""";

  private final SqlReads reads;
  private final SessionCalendar sessions;

  public PriceHistory(SqlReads reads, SessionCalendar sessions) {
    this.reads = reads;
    this.sessions = sessions;
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

  /**
   * Candles of prices with source timestamps in [{@code from}, {@code to}), oldest first; {@code
   * 1d} candles are trading sessions (docs/api.md, "candles").
   */
  public CompletionStage<List<Candle>> candles(
      String symbol, CandleInterval interval, Instant from, Instant to) {
    long width = interval.width().toSeconds();
    boolean bySession = interval == CandleInterval.ONE_DAY;
    Instant sessionStart = sessions.startOf(sessions.sessionOf(from));
    return reads.list(
        CANDLES,
        statement ->
            statement
                .bind(0, symbol)
                .bind(1, width)
                .bind(2, from)
                .bind(3, to)
                .bind(4, sessionStart)
                .bind(5, bySession)
                .bind(6, sessions.zone().getId())
                .bind(7, sessions.start().toString()),
        row -> {
          long bucket = row.get("bucket", Long.class);
          return new Candle(
              bySession
                  ? sessions.startOf(LocalDate.ofEpochDay(bucket))
                  : Instant.ofEpochSecond(bucket * width),
              price(row, "open"),
              price(row, "high"),
              price(row, "low"),
              price(row, "close"),
              row.get("volume", Long.class),
              row.get("ticks", Long.class));
        });
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
