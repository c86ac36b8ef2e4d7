package io.priceengine.persistence.projection;

import static io.priceengine.persistence.db.SqlRows.count;
import static io.priceengine.persistence.db.SqlRows.execute;
import static io.priceengine.persistence.db.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.NotUsed;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.stream.javadsl.Source;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projection handler's rows for chosen groups of events, on real PostgreSQL. */
class PriceProjectionHandlerTest {

  private Database db;
  private ActorTestKit testKit;
  private final Events events = new Events();

  /** What the fake journal holds per persistence id, for the skipped-event recovery. */
  private final Map<String, List<EventEnvelope>> journal = new ConcurrentHashMap<>();

  private HandlerRunner handler;

  @BeforeEach
  void start() {
    db = TestDatabase.fresh("handler");
    testKit =
        ActorTestKit.create(
            db.akkaConfig()
                .withFallback(ConfigFactory.parseResources("persistence.conf"))
                .withFallback(ConfigFactory.load())
                .resolve());
    CurrentEventsByPersistenceIdQuery byPersistenceId =
        (persistenceId, from, to) ->
            Source.from(journal.getOrDefault(persistenceId, List.of()))
                .filter(e -> e.sequenceNr() >= from && e.sequenceNr() <= to)
                .mapMaterializedValue(m -> NotUsed.getInstance());
    handler = new HandlerRunner(testKit.system(), "prices-0", byPersistenceId);
  }

  @AfterEach
  void stop() {
    testKit.shutdownTestKit();
    db.close();
  }

  @Test
  void writesEveryPriceAndOneRowPerKeyForAGroupNamingASymbolTwice() {
    handler.process(
        List.of(
            events.price("AAA", 1, "10", 100L, "2026-11-22T10:00:00Z"),
            events.price("BBB", 1, "5.5", null, "2026-11-22T10:00:01Z"),
            events.price("AAA", 2, "12.25", 150L, "2026-11-22T10:00:02Z")));

    assertEquals(
        List.of("AAA 1 10.0000 100 push", "AAA 2 12.2500 150 push", "BBB 1 5.5000 null push"),
        rows(
            db,
            "SELECT h.symbol, h.history_id, h.price, h.volume, p.code FROM realtime_price_history h"
                + " JOIN market_data_providers p ON p.id = h.provider_id ORDER BY 1, 2"));
    assertEquals(
        List.of("AAA 12.2500 2 150", "BBB 5.5000 1 null"),
        rows(
            db,
            "SELECT symbol, current_price, latest_history_id, volume FROM realtime_symbols"
                + " ORDER BY 1"));
    assertEquals(
        List.of(
            "AAA 2026-11-22 10.0000 12.2500 10.0000 12.2500 150 push",
            "BBB 2026-11-22 5.5000 5.5000 5.5000 5.5000 null push"),
        rows(db, "SELECT * FROM market_data_cache ORDER BY 1"));
    assertEquals(
        List.of("AAA active provider 2026-11-22 2", "BBB active provider 2026-11-22 1"),
        rows(
            db,
            "SELECT symbol, status, added_source, last_price_date, last_seq_nr"
                + " FROM symbol_universe ORDER BY 1"));
    assertEquals(
        List.of("prices-0 3"),
        rows(db, "SELECT tag, last_ordering FROM price_projection_progress"));
  }

  @Test
  void aGroupedEventIsOneHistoryRowPerTickAfterOneTickEventsOfTheOldFormat() {
    handler.process(
        List.of(
            events.price("GRP", 1, "10", null, "2026-11-22T10:00:00Z"),
            events.prices("GRP", 2, 2, "2026-11-22T10:00:01Z", "11", "9", "12")));
    handler.process(List.of(events.prices("GRP", 3, 5, "2026-11-22T10:00:05Z", "10.5")));

    assertEquals(
        List.of("GRP 1 10.0000", "GRP 2 11.0000", "GRP 3 9.0000", "GRP 4 12.0000", "GRP 5 10.5000"),
        rows(db, "SELECT symbol, history_id, price FROM realtime_price_history ORDER BY 2"));
    assertEquals(
        List.of("GRP 10.5000 5"),
        rows(db, "SELECT symbol, current_price, latest_history_id FROM realtime_symbols"));
    assertEquals(
        List.of("2026-11-22 10.0000 12.0000 9.0000 10.5000"),
        rows(db, "SELECT date, open, high, low, close FROM market_data_cache"));
    assertEquals(List.of("3"), rows(db, "SELECT last_seq_nr FROM symbol_universe"));
  }

  @Test
  void dailyBarsFollowTheUtcDayAcrossGroupsAndMidnight() {
    handler.process(
        List.of(
            events.price("DAY", 1, "10", 1000L, "2026-11-22T23:59:58Z"),
            events.price("DAY", 2, "11", 1200L, "2026-11-22T23:59:59.999Z")));
    handler.process(List.of(events.price("DAY", 3, "9.5", 1300L, "2026-11-22T23:59:59.999Z")));
    handler.process(
        List.of(
            events.price("DAY", 4, "9", 40L, "2026-11-23T00:00:00Z"),
            events.price("DAY", 5, "13", 90L, "2026-11-23T00:00:01Z"),
            events.price("DAY", 6, "12", null, "2026-11-23T00:00:02Z")));

    assertEquals(
        List.of(
            "2026-11-22 10.0000 11.0000 9.5000 9.5000 1300",
            "2026-11-23 9.0000 13.0000 9.0000 12.0000 90"),
        rows(
            db,
            "SELECT date, open, high, low, close, volume FROM market_data_cache ORDER BY date"));
    assertEquals(List.of("2026-11-23"), rows(db, "SELECT last_price_date FROM symbol_universe"));
  }

  @Test
  void aSessionsRowTakesTheStatisticsItsLatestTickCarriesAcrossGroups() {
    // ticks as the entity writes them: each carries its session's open, high, low and close
    handler.process(
        List.of(
            events.price("SES", 1, session("10", "10", "10", "10", "2026-11-22T10:00:00Z")),
            events.price("SES", 2, session("12", "10", "12", "10", "2026-11-22T11:00:00Z"))));
    // the provider sent the session's high itself (15, above every price seen): it is the quote's
    // high, and the stored row takes it; then an open the provider corrected
    handler.process(
        List.of(
            events.price("SES", 3, session("11", "10", "15", "10", "2026-11-22T12:00:00Z")),
            events.price("SES", 4, session("9", "9.5", "15", "9", "2026-11-22T13:00:00Z"))));

    assertEquals(
        List.of("2026-11-22 9.5000 15.0000 9.0000 9.0000"),
        rows(db, "SELECT date, open, high, low, close FROM market_data_cache"));
  }

  private static Tick session(String price, String open, String high, String low, String at) {
    return Tick.of(
        "SES",
        new BigDecimal(price),
        null,
        new BigDecimal(open),
        new BigDecimal(high),
        new BigDecimal(low),
        null,
        Instant.parse(at),
        "push",
        null);
  }

  @Test
  void aReplayedGroupChangesNothingAndTheMasterRowNeverMovesBack() {
    var first = events.price("REP", 1, "10", 10L, "2026-11-22T10:00:00Z");
    var second = events.price("REP", 2, "11", 20L, "2026-11-22T10:00:01Z");
    var third = events.price("REP", 3, "12", 30L, "2026-11-22T10:00:02Z");
    handler.process(List.of(first, second));
    handler.process(List.of(third));
    List<String> before = everything();

    handler.process(List.of(first, second));
    assertEquals(before, everything());

    // Even with the per-symbol sequence check out of the way the SQL keeps what is newer.
    execute(db, "UPDATE symbol_universe SET last_seq_nr = 0");
    handler.process(List.of(first, second));
    assertEquals(
        List.of("12.0000 3"),
        rows(db, "SELECT current_price, latest_history_id FROM realtime_symbols"));
    assertEquals(3, count(db, "SELECT count(*) FROM realtime_price_history"));
  }

  @Test
  void onboardingAndDelistingKeepTheUniverseRowCurrent() {
    Instant at = Instant.parse("2026-11-22T09:00:00Z");
    handler.process(
        List.of(events.envelope(1, new SymbolEntity.Onboarded("ONB", "Onboard Corp", at))));
    assertEquals(List.of("Onboard Corp active api 2026-11-22 09:00:00 null 1"), universe());

    handler.process(
        List.of(
            events.price("ONB", 2, "42", null, "2026-11-22T10:00:00Z"),
            events.envelope(3, new SymbolEntity.Delisted("ONB", at.plusSeconds(7200))),
            // a pushed tick is accepted for an inactive symbol and leaves it inactive
            events.price("ONB", 4, "43", null, "2026-11-22T11:00:00Z")));
    assertEquals(List.of("Onboard Corp inactive api 2026-11-22 09:00:00 2026-11-22 4"), universe());
    assertEquals(
        List.of("43.0000 Onboard Corp 2026-11-22 09:00:00"),
        rows(
            db,
            "SELECT current_price, company_name, created_at AT TIME ZONE 'UTC' FROM"
                + " realtime_symbols"));

    handler.process(
        List.of(events.envelope(5, new SymbolEntity.Onboarded("ONB", null, at.plusSeconds(9000)))));
    assertEquals(List.of("Onboard Corp active api 2026-11-22 09:00:00 2026-11-22 5"), universe());
  }

  @Test
  void eventsTheTagQuerySkippedAreReadByPersistenceIdAndWrittenInOrder() {
    var one = events.price("GAP", 1, "10", null, "2026-11-22T10:00:00Z");
    var two = events.price("GAP", 2, "11", null, "2026-11-22T10:00:01Z");
    var three = events.price("GAP", 3, "9", null, "2026-11-22T10:00:02Z");
    var four = events.price("GAP", 4, "12", null, "2026-11-22T10:00:03Z");
    journal.put("Symbol|GAP", List.of(untyped(two), untyped(three)));

    handler.process(
        List.of(one, events.price("OTHER", 1, "1", null, "2026-11-22T10:00:01Z"), four));

    assertEquals(
        List.of("1 10.0000", "2 11.0000", "3 9.0000", "4 12.0000"),
        rows(
            db,
            "SELECT history_id, price FROM realtime_price_history WHERE symbol = 'GAP'"
                + " ORDER BY 1"));
    assertEquals(
        List.of("2026-11-22 10.0000 12.0000 9.0000 12.0000"),
        rows(
            db, "SELECT date, open, high, low, close FROM market_data_cache WHERE symbol = 'GAP'"));
  }

  @Test
  void aProviderMissingFromTheTableIsRegistered() {
    Tick tick =
        Tick.of(
            "NEWP",
            new BigDecimal("3"),
            null,
            null,
            null,
            null,
            null,
            Instant.parse("2026-11-22T10:00:00Z"),
            "newfeed",
            "New Corp");
    handler.process(List.of(events.price("NEWP", 1, tick)));

    assertEquals(
        List.of("newfeed New Corp"),
        rows(
            db,
            "SELECT p.code, m.company_name FROM realtime_symbols m"
                + " JOIN market_data_providers p ON p.id = m.provider_id"));
  }

  private List<String> universe() {
    return rows(
        db,
        "SELECT company_name, status, added_source, first_seen AT TIME ZONE 'UTC',"
            + " last_price_date, last_seq_nr"
            + " FROM symbol_universe");
  }

  private List<String> everything() {
    List<String> all = new ArrayList<>();
    for (String table :
        List.of(
            "realtime_price_history", "realtime_symbols", "market_data_cache", "symbol_universe")) {
      all.addAll(rows(db, "SELECT * FROM " + table + " ORDER BY 1, 2"));
    }
    return all;
  }

  private static EventEnvelope untyped(
      akka.projection.eventsourced.EventEnvelope<SymbolEntity.Event> e) {
    return EventEnvelope.apply(
        e.offset(), e.persistenceId(), e.sequenceNr(), e.event(), e.timestamp());
  }
}
