package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fault test 5 (docs/reliability.md): the journal refuses every event of one symbol. That symbol's
 * ticks get 503 {@code unavailable} promptly and its entity restarts with backoff; the other
 * symbols' ticks are all acknowledged, also those whose events shared a journal batch with a
 * refused one; once the fault is gone the symbol accepts ticks again by itself, and nothing
 * acknowledged is lost or doubled.
 */
class PersistFailureIsolationTest {
  private static final String TICKS = "/api/v1/market-data/ticks";
  private static final String POISONED = "POISON";

  @Test
  void aSymbolWhosePersistenceFailsRecoversAndDoesNotStopTheOthers() throws Exception {
    try (TestEngine engine = TestEngine.start("persist_failure")) {
      ApiClient api = engine.client();
      JournalFaults journal = new JournalFaults(engine.jdbcUrl());
      AcknowledgedTicks healthy = new AcknowledgedTicks("ISO", 20);
      assertEquals(1, accepted(api, 1));
      healthy.pushRound(api);

      journal.refuse("Symbol|" + POISONED);
      long healthyBefore = healthy.acknowledgedCount();
      Instant end = Instant.now().plusSeconds(10);
      // The poisoned symbol's ticks go in beside the others', so that their events meet in the
      // journal's batches.
      ExecutorService poisoner = Executors.newSingleThreadExecutor();
      Future<long[]> poisonedRefused =
          poisoner.submit(
              () -> {
                long refused = 0;
                long slowestMillis = 0;
                for (int price = 2; Instant.now().isBefore(end); price++) {
                  long sent = System.nanoTime();
                  ApiClient.Response poisoned = post(api, price);
                  slowestMillis = Math.max(slowestMillis, (System.nanoTime() - sent) / 1_000_000);
                  assertEquals(503, poisoned.status(), poisoned.body());
                  assertEquals("unavailable", poisoned.errorCode());
                  refused++;
                }
                return new long[] {refused, slowestMillis};
              });
      int healthyRounds = 0;
      while (Instant.now().isBefore(end)) {
        healthy.pushRound(api);
        healthyRounds++;
      }
      long[] refused = poisonedRefused.get(30, TimeUnit.SECONDS);
      poisoner.shutdown();
      long healthyAcknowledged = healthy.acknowledgedCount() - healthyBefore;
      // A healthy tick written in the same journal batch as a refused one is written again on its
      // own (IsolatingJournalDao): every one is acknowledged.
      assertEquals(
          healthyRounds * 20L,
          healthyAcknowledged,
          healthyAcknowledged + " of " + healthyRounds * 20 + " healthy ticks acknowledged");
      // the poisoned symbol's callers hear of the failure, not of the ask timeout (5 s): at once
      // when their write fails, and at once while the entity restarts after it
      assertTrue(refused[1] < 2_500, "slowest 503 for the poisoned symbol: " + refused[1] + " ms");

      journal.clear();
      Instant cleared = Instant.now();
      int next = 1_000;
      Polling.await(Duration.ofSeconds(30), () -> accepted(api, next), accepted -> accepted == 1);
      Duration recovered = Duration.between(cleared, Instant.now());
      assertEquals(
          next, api.get("/api/v1/market-data/prices/" + POISONED).json().get("price").intValue());

      Polling.await(
          Duration.ofSeconds(60), () -> healthy.assertProjectedExactlyOnce(engine.jdbcUrl(), api));
      AcknowledgedTicks.Figures figures = healthy.figures(engine.jdbcUrl());
      FaultReport.print(
          "persist-failure-isolation",
          "other symbols: "
              + figures
              + " ("
              + healthyAcknowledged
              + " of "
              + healthyRounds * 20
              + " acknowledged while "
              + POISONED
              + " failed); "
              + POISONED
              + ": "
              + refused[0]
              + " ticks refused with 503 (slowest "
              + refused[1]
              + " ms), accepting again "
              + FaultReport.seconds(recovered)
              + " after the fault was removed");
      assertEquals(0, figures.lost());
      assertEquals(0, figures.duplicated());
    }
  }

  private static ApiClient.Response post(ApiClient api, int price) {
    String tick = "{\"symbol\":\"" + POISONED + "\",\"price\":" + price + "}";
    return api.post(TICKS, TestEngine.INGEST_TOKEN, tick);
  }

  private static int accepted(ApiClient api, int price) {
    ApiClient.Response response = post(api, price);
    return response.status() == 200 ? response.json().get("accepted").asInt() : 0;
  }
}
