package io.priceengine.persistence.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.symbol.SessionCalendar;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.SqlReads;
import io.priceengine.persistence.db.TestDatabase;
import io.priceengine.persistence.projection.ProjectedTicks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** History pages and candles read back what the projection wrote, for known ticks. */
class PriceHistoryTest {
  private static final Instant BASE = Instant.parse("2026-11-22T10:00:00Z");

  private static Database db;
  private static ActorTestKit testKit;
  private static PriceHistory history;

  @BeforeAll
  static void start() {
    db = TestDatabase.fresh("history");
    testKit =
        ActorTestKit.create(
            db.akkaConfig()
                .withFallback(ConfigFactory.parseResources("persistence.conf"))
                .withFallback(ConfigFactory.load())
                .resolve());
    history = new PriceHistory(SqlReads.create(testKit.system()), SessionCalendar.UTC);
    ProjectedTicks ticks = new ProjectedTicks(testKit.system());
    for (int i = 1; i <= 250; i++) {
      ticks.add("PAGE", i + ".5", null, BASE.plusSeconds(i));
    }
    ticks.add("CND", "10.00", 100L, "2026-11-22T10:00:05Z");
    ticks.add("CND", "10.50", 150L, "2026-11-22T10:00:30Z");
    ticks.add("CND", "9.75", 180L, "2026-11-22T10:00:59.999Z");
    ticks.add("CND", "10.25", 180L, "2026-11-22T10:01:00Z");
    ticks.add("CND", "11.00", 300L, "2026-11-22T10:03:10Z");
    ticks.add("CND", "10.80", null, "2026-11-22T10:03:20Z");
    ticks.add("CND", "10.90", 250L, "2026-11-22T10:05:00Z"); // another provider's lower count
    ticks.add("CND", "11.10", 320L, "2026-11-22T10:05:01Z");
    ticks.add("CND", "11.20", null, "2026-11-22T10:07:00Z");
    ticks.add("CND", "12.00", 50L, "2026-11-23T00:00:30Z"); // a new day counts from zero
    ticks.write();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    db.close();
  }

  @Test
  void pagesReturnEachRowOnceNewestFirst() {
    List<Long> seen = new ArrayList<>();
    long before = Long.MAX_VALUE;
    int pages = 0;
    while (true) {
      HistoryPage page =
          get(
              history.page(
                  "PAGE",
                  new HistoryQuery(HistoryQuery.EARLIEST, HistoryQuery.LATEST, before, 100)));
      pages++;
      page.items().forEach(item -> seen.add(item.historyId()));
      if (page.nextBefore() == null) {
        break;
      }
      before = page.nextBefore();
    }
    assertEquals(3, pages);
    assertEquals(250, seen.size());
    assertEquals(250, new HashSet<>(seen).size());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i - 1) > seen.get(i), "newest first");
    }
    HistoryItem newest = get(history.page("PAGE", query(Long.MAX_VALUE, 1))).items().get(0);
    assertEquals(250, newest.historyId());
    assertEquals("250.5", newest.price().toPlainString());
    assertEquals(BASE.plusSeconds(250), newest.sourceTimestamp());
    assertEquals("push", newest.provider());
  }

  @Test
  void pagesHonourTheTimeWindowAndTheLimit() {
    // source timestamps BASE+1s .. BASE+250s; [from, to) keeps ids 101..150
    HistoryPage page =
        get(
            history.page(
                "PAGE",
                new HistoryQuery(
                    BASE.plusSeconds(101), BASE.plusSeconds(151), Long.MAX_VALUE, 30)));
    assertEquals(30, page.items().size());
    assertEquals(150, page.items().get(0).historyId());
    assertEquals(121, page.nextBefore());
    HistoryPage rest =
        get(
            history.page(
                "PAGE", new HistoryQuery(BASE.plusSeconds(101), BASE.plusSeconds(151), 121, 30)));
    assertEquals(20, rest.items().size());
    assertEquals(101, rest.items().get(19).historyId());
    assertNull(rest.nextBefore());

    assertEquals(List.of(), get(history.page("NOSUCH", query(Long.MAX_VALUE, 10))).items());
  }

  @Test
  void oneMinuteCandlesMatchHandComputedValues() {
    assertEquals(
        List.of(
            "2026-11-22T10:00:00Z 10 10.5 9.75 9.75 180 3",
            "2026-11-22T10:01:00Z 10.25 10.25 10.25 10.25 0 1",
            "2026-11-22T10:03:00Z 11 11 10.8 10.8 120 2",
            "2026-11-22T10:05:00Z 10.9 11.1 10.9 11.1 20 2",
            "2026-11-22T10:07:00Z 11.2 11.2 11.2 11.2 null 1"),
        candles(CandleInterval.ONE_MINUTE, "2026-11-22T10:00:00Z", "2026-11-22T11:00:00Z"));
  }

  @Test
  void candlesStartingMidDayCountVolumeFromTheDaysEarlierTicks() {
    assertEquals(
        List.of(
            "2026-11-22T10:03:00Z 11 11 10.8 10.8 120 2",
            "2026-11-22T10:05:00Z 10.9 11.1 10.9 11.1 20 2"),
        candles(CandleInterval.ONE_MINUTE, "2026-11-22T10:03:00Z", "2026-11-22T10:06:00Z"));
  }

  @Test
  void widerCandlesAggregateTheSameTicks() {
    assertEquals(
        List.of(
            "2026-11-22T10:00:00Z 10 11 9.75 10.8 300 6",
            "2026-11-22T10:05:00Z 10.9 11.2 10.9 11.2 20 3"),
        candles(CandleInterval.FIVE_MINUTES, "2026-11-22T10:00:00Z", "2026-11-22T10:10:00Z"));
    assertEquals(
        List.of("2026-11-22T10:00:00Z 10 11.2 9.75 11.2 320 9"),
        candles(CandleInterval.FIFTEEN_MINUTES, "2026-11-22T10:00:00Z", "2026-11-22T10:15:00Z"));
    assertEquals(
        candles(CandleInterval.FIFTEEN_MINUTES, "2026-11-22T10:00:00Z", "2026-11-22T10:15:00Z"),
        candles(CandleInterval.ONE_HOUR, "2026-11-22T10:00:00Z", "2026-11-22T11:00:00Z"));
    // The daily candle's volume is the day's largest cumulative volume, as in market_data_cache.
    assertEquals(
        List.of(
            "2026-11-22T00:00:00Z 10 11.2 9.75 11.2 320 9",
            "2026-11-23T00:00:00Z 12 12 12 12 50 1"),
        candles(CandleInterval.ONE_DAY, "2026-11-22T00:00:00Z", "2026-11-24T00:00:00Z"));
    assertEquals(
        List.of(), candles(CandleInterval.ONE_DAY, "2026-11-20T00:00:00Z", "2026-11-21T00:00:00Z"));
  }

  private static List<String> candles(CandleInterval interval, String from, String to) {
    return get(history.candles("CND", interval, Instant.parse(from), Instant.parse(to))).stream()
        .map(
            c ->
                c.start()
                    + " "
                    + c.open().toPlainString()
                    + " "
                    + c.high().toPlainString()
                    + " "
                    + c.low().toPlainString()
                    + " "
                    + c.close().toPlainString()
                    + " "
                    + c.volume()
                    + " "
                    + c.ticks())
        .toList();
  }

  private static HistoryQuery query(long before, int limit) {
    return new HistoryQuery(HistoryQuery.EARLIEST, HistoryQuery.LATEST, before, limit);
  }

  private static <T> T get(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage
          .toCompletableFuture()
          .get(Duration.ofSeconds(10).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
