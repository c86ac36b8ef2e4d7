package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Fault test 4 (docs/reliability.md): the journal answers slowly (each insert statement sleeps in a
 * trigger). A write slower than the ask timeout gets a timely 503 {@code unavailable}, never a
 * hang; one within it is acknowledged late; and after the journal is fast again nothing
 * acknowledged is missing and nothing is doubled.
 */
class SlowJournalTest {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

  @Test
  void slowJournalGivesTimelyAnswersAndLosesNothingAcknowledged() {
    try (TestEngine engine =
        TestEngine.start(
            "slow_journal",
            Map.of("price-engine.symbol.ask-timeout", ASK_TIMEOUT.toSeconds() + "s"))) {
      ApiClient api = engine.client();
      JournalFaults journal = new JournalFaults(engine.jdbcUrl());
      AcknowledgedTicks ticks = new AcknowledgedTicks("SLOW", 20);
      ticks.pushRound(api);

      journal.slowInserts(0.5);
      Timed slowButInTime = Timed.rounds(api, ticks, 3);
      assertEquals(
          Map.of(200, 3),
          slowButInTime.statuses(),
          "writes within the ask timeout are acknowledged");
      assertTrue(slowButInTime.slowestMillis() >= 500);

      journal.slowInserts(ASK_TIMEOUT.toSeconds() + 2);
      Timed tooSlow = Timed.rounds(api, ticks, 3);
      assertEquals(Map.of(503, 3), tooSlow.statuses(), "writes slower than the ask timeout");
      assertTrue(
          tooSlow.slowestMillis() <= ASK_TIMEOUT.toMillis() + 2_000,
          "a 503 took " + tooSlow.slowestMillis() + " ms");

      journal.clear();
      Instant cleared = Instant.now();
      Polling.await(
          Duration.ofSeconds(30), () -> ticks.pushRound(api).status(), status -> status == 200);
      Duration recovered = Duration.between(cleared, Instant.now());
      Polling.await(
          Duration.ofSeconds(60), () -> ticks.assertProjectedExactlyOnce(engine.jdbcUrl(), api));
      AcknowledgedTicks.Figures figures = ticks.figures(engine.jdbcUrl());
      FaultReport.print(
          "slow-journal",
          figures
              + "; 0.5 s per insert statement: slowest ack "
              + slowButInTime.slowestMillis()
              + " ms; 7 s per statement: 503 after at most "
              + tooSlow.slowestMillis()
              + " ms (ask timeout "
              + ASK_TIMEOUT.toMillis()
              + " ms); first tick accepted "
              + FaultReport.seconds(recovered)
              + " after the journal was fast again");
      assertEquals(0, figures.lost());
      assertEquals(0, figures.duplicated());
    }
  }

  /** Statuses and slowest answer of rounds sent one after the other. */
  record Timed(Map<Integer, Integer> statuses, long slowestMillis) {
    static Timed rounds(ApiClient api, AcknowledgedTicks ticks, int rounds) {
      Map<Integer, Integer> statuses = new TreeMap<>();
      long slowest = 0;
      for (int i = 0; i < rounds; i++) {
        long sent = System.nanoTime();
        ApiClient.Response response = ticks.pushRound(api);
        slowest = Math.max(slowest, (System.nanoTime() - sent) / 1_000_000);
        statuses.merge(response == null ? -1 : response.status(), 1, Integer::sum);
      }
      return new Timed(statuses, slowest);
    }
  }
}
