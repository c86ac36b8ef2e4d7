package io.priceengine.persistence.projection;

import akka.Done;
import akka.projection.r2dbc.javadsl.R2dbcSession;
import io.r2dbc.spi.Statement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Writes a {@link PriceBatch} in the projection's transaction: one statement per table, the rows
 * bound as arrays and expanded by {@code unnest}, so a batch costs the same few round trips
 * whatever its size. Every statement is idempotent or only moves forward, so a replayed batch
 * leaves the tables as they were.
 */
final class PriceTables {

  /** Providers named by ticks but missing from the table (added to the catalog later). */
  private static final String PROVIDERS =
      """
      INSERT INTO market_data_providers (code, display_name, priority, stale_after_ms)
      SELECT code, code, 1000, 0 FROM unnest($1::text[]) AS p(code)
      ON CONFLICT (code) DO NOTHING""";

  // The provider id comes from a scalar subquery: an unknown code fails the insert loudly (NOT
  // NULL) instead of dropping the row as a join would.
  private static final String HISTORY =
      """
      INSERT INTO realtime_price_history (symbol, history_id, price, volume, open, high, low,
        previous_close, source_timestamp, fetched_at, provider_id)
      SELECT h.symbol, h.history_id, h.price, h.volume, h.open, h.high, h.low, h.previous_close,
        h.source_timestamp, h.fetched_at,
        (SELECT p.id FROM market_data_providers p WHERE p.code = h.provider)
      FROM unnest($1::text[], $2::bigint[], $3::numeric[], $4::bigint[], $5::numeric[],
        $6::numeric[], $7::numeric[], $8::numeric[], $9::timestamptz[], $10::timestamptz[],
        $11::text[])
        AS h(symbol, history_id, price, volume, open, high, low, previous_close,
          source_timestamp, fetched_at, provider)
      ON CONFLICT (symbol, history_id) DO NOTHING""";

  private static final String UNIVERSE =
      """
      INSERT INTO symbol_universe AS s (symbol, company_name, status, added_source, first_seen,
        last_price_date, last_seq_nr)
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
        $6::date[], $7::bigint[])
      ON CONFLICT (symbol) DO UPDATE SET
        company_name = coalesce(EXCLUDED.company_name, s.company_name),
        status = EXCLUDED.status,
        last_price_date = greatest(s.last_price_date, EXCLUDED.last_price_date),
        last_seq_nr = greatest(s.last_seq_nr, EXCLUDED.last_seq_nr)""";

  // After the universe upsert, so the company name is the listing's current one.
  private static final String MASTER =
      """
      INSERT INTO realtime_symbols AS m (symbol, current_price, company_name, last_updated,
        provider_id, volume, latest_history_id, created_at, updated_at)
      SELECT u.symbol, u.price, s.company_name, u.last_updated,
        (SELECT p.id FROM market_data_providers p WHERE p.code = u.provider),
        u.volume, u.history_id, coalesce(s.first_seen, now()), now()
      FROM unnest($1::text[], $2::numeric[], $3::timestamptz[], $4::text[], $5::bigint[],
        $6::bigint[]) AS u(symbol, price, last_updated, provider, volume, history_id)
      LEFT JOIN symbol_universe s ON s.symbol = u.symbol
      ON CONFLICT (symbol) DO UPDATE SET
        current_price = EXCLUDED.current_price,
        company_name = EXCLUDED.company_name,
        last_updated = EXCLUDED.last_updated,
        provider_id = EXCLUDED.provider_id,
        volume = EXCLUDED.volume,
        latest_history_id = EXCLUDED.latest_history_id,
        updated_at = now()
      WHERE m.latest_history_id < EXCLUDED.latest_history_id""";

  // $9: the bars carry their sessions' open, high and low (what the quote shows): they replace the
  // stored ones. Otherwise (ticks from before sessions were derived) open stays the first price
  // and the extremes widen. greatest ignores a NULL volume.
  private static final String DAILY =
      """
      INSERT INTO market_data_cache AS d (symbol, date, open, high, low, close, volume,
        data_source)
      SELECT * FROM unnest($1::text[], $2::date[], $3::numeric[], $4::numeric[], $5::numeric[],
        $6::numeric[], $7::bigint[], $8::text[])
      ON CONFLICT (symbol, date) DO UPDATE SET
        open = CASE WHEN $9 THEN EXCLUDED.open ELSE d.open END,
        high = CASE WHEN $9 THEN EXCLUDED.high ELSE greatest(d.high, EXCLUDED.high) END,
        low = CASE WHEN $9 THEN EXCLUDED.low ELSE least(d.low, EXCLUDED.low) END,
        close = EXCLUDED.close,
        volume = greatest(d.volume, EXCLUDED.volume),
        data_source = EXCLUDED.data_source""";

  private static final String PROGRESS =
      """
      INSERT INTO price_projection_progress AS p (tag, last_ordering, last_event_at, updated_at)
      VALUES ($1, $2, $3, now())
      ON CONFLICT (tag) DO UPDATE SET
        last_ordering = EXCLUDED.last_ordering,
        last_event_at = EXCLUDED.last_event_at,
        updated_at = now()
      WHERE p.last_ordering <= EXCLUDED.last_ordering""";

  /** Where the projection of one tag stands after a batch. */
  record Progress(String tag, long lastOrdering, Instant lastEventAt) {}

  CompletionStage<Done> write(R2dbcSession session, PriceBatch batch, Progress progress) {
    CompletionStage<?> done = CompletableFuture.completedFuture(null);
    if (!batch.providers().isEmpty()) {
      done = then(done, session, providers(session, batch));
    }
    if (!batch.history().isEmpty()) {
      done = then(done, session, history(session, batch));
    }
    if (!batch.universe().isEmpty()) {
      done = then(done, session, universe(session, batch));
    }
    if (!batch.master().isEmpty()) {
      done = then(done, session, master(session, batch));
    }
    for (boolean ofSession : new boolean[] {true, false}) {
      List<PriceBatch.DailyBar> bars =
          batch.daily().stream().filter(bar -> bar.ofSession() == ofSession).toList();
      if (!bars.isEmpty()) {
        done = then(done, session, daily(session, bars, ofSession));
      }
    }
    return then(done, session, progress(session, progress)).thenApply(rows -> Done.getInstance());
  }

  // One statement at a time: an R2DBC connection does not take concurrent statements.
  private static CompletionStage<Long> then(
      CompletionStage<?> previous, R2dbcSession session, Statement next) {
    return previous.thenCompose(ignored -> session.updateOne(next));
  }

  private static Statement providers(R2dbcSession session, PriceBatch batch) {
    return session.createStatement(PROVIDERS).bind(0, batch.providers().toArray(String[]::new));
  }

  private static Statement history(R2dbcSession session, PriceBatch batch) {
    var rows = batch.history();
    return session
        .createStatement(HISTORY)
        .bind(0, column(rows, PriceBatch.HistoryRow::symbol, String[]::new))
        .bind(1, column(rows, PriceBatch.HistoryRow::historyId, Long[]::new))
        .bind(2, column(rows, r -> r.tick().price(), BigDecimal[]::new))
        .bind(3, column(rows, r -> r.tick().volume(), Long[]::new))
        .bind(4, column(rows, r -> r.tick().open(), BigDecimal[]::new))
        .bind(5, column(rows, r -> r.tick().high(), BigDecimal[]::new))
        .bind(6, column(rows, r -> r.tick().low(), BigDecimal[]::new))
        .bind(7, column(rows, r -> r.tick().previousClose(), BigDecimal[]::new))
        .bind(8, column(rows, r -> r.tick().sourceTimestamp(), Instant[]::new))
        .bind(9, column(rows, PriceBatch.HistoryRow::fetchedAt, Instant[]::new))
        .bind(10, column(rows, r -> r.tick().provider(), String[]::new));
  }

  private static Statement universe(R2dbcSession session, PriceBatch batch) {
    var rows = batch.universe();
    return session
        .createStatement(UNIVERSE)
        .bind(0, column(rows, PriceBatch.UniverseRow::symbol, String[]::new))
        .bind(1, column(rows, PriceBatch.UniverseRow::companyName, String[]::new))
        .bind(2, column(rows, PriceBatch.UniverseRow::status, String[]::new))
        .bind(3, column(rows, PriceBatch.UniverseRow::addedSource, String[]::new))
        .bind(4, column(rows, PriceBatch.UniverseRow::firstSeen, Instant[]::new))
        .bind(5, column(rows, PriceBatch.UniverseRow::lastPriceDate, LocalDate[]::new))
        .bind(6, column(rows, PriceBatch.UniverseRow::lastSeqNr, Long[]::new));
  }

  private static Statement master(R2dbcSession session, PriceBatch batch) {
    var rows = batch.master();
    return session
        .createStatement(MASTER)
        .bind(0, column(rows, PriceBatch.MasterRow::symbol, String[]::new))
        .bind(1, column(rows, PriceBatch.MasterRow::price, BigDecimal[]::new))
        .bind(2, column(rows, PriceBatch.MasterRow::lastUpdated, Instant[]::new))
        .bind(3, column(rows, PriceBatch.MasterRow::provider, String[]::new))
        .bind(4, column(rows, PriceBatch.MasterRow::volume, Long[]::new))
        .bind(5, column(rows, PriceBatch.MasterRow::historyId, Long[]::new));
  }

  private static Statement daily(
      R2dbcSession session, List<PriceBatch.DailyBar> rows, boolean ofSession) {
    return session
        .createStatement(DAILY)
        .bind(0, column(rows, PriceBatch.DailyBar::symbol, String[]::new))
        .bind(1, column(rows, PriceBatch.DailyBar::date, LocalDate[]::new))
        .bind(2, column(rows, PriceBatch.DailyBar::open, BigDecimal[]::new))
        .bind(3, column(rows, PriceBatch.DailyBar::high, BigDecimal[]::new))
        .bind(4, column(rows, PriceBatch.DailyBar::low, BigDecimal[]::new))
        .bind(5, column(rows, PriceBatch.DailyBar::close, BigDecimal[]::new))
        .bind(6, column(rows, PriceBatch.DailyBar::volume, Long[]::new))
        .bind(7, column(rows, PriceBatch.DailyBar::source, String[]::new))
        .bind(8, ofSession);
  }

  private static Statement progress(R2dbcSession session, Progress progress) {
    return session
        .createStatement(PROGRESS)
        .bind(0, progress.tag())
        .bind(1, progress.lastOrdering())
        .bind(2, progress.lastEventAt());
  }

  private static <R, T> T[] column(
      Collection<R> rows, Function<R, T> field, IntFunction<T[]> array) {
    return rows.stream().map(field).toArray(array);
  }
}
