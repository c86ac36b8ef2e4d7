package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseSettings;
import io.priceengine.persistence.db.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fault test 2 (docs/reliability.md): the database becomes unreachable for about 10 s during
 * ingestion (a proxy in front of it is cut) and comes back. Meanwhile ingest answers 503 {@code
 * unavailable} within the ask timeout and readiness is down; afterwards everything recovers by
 * itself, no acknowledged tick is lost and no history row is doubled.
 */
class DatabaseOutageTest {
  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);
  private static final int CLIENTS = 4;

  @Test
  void ingestAnswersUnavailableDuringAnOutageAndEverythingRecoversWithoutLoss() {
    Database direct = TestDatabase.fresh("db_outage");
    String database = direct.database();
    try (TcpProxy proxy = new TcpProxy(direct.port())) {
      Database viaProxy =
          Database.open(
              new DatabaseSettings(
                  "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                  "postgres",
                  "",
                  Path.of("unused"),
                  0));
      Map<String, Object> settings =
          Map.of("price-engine.symbol.ask-timeout", ASK_TIMEOUT.toSeconds() + "s");
      try (TestEngine engine = TestEngine.startOn(viaProxy, settings)) {
        ApiClient api = engine.client();
        AcknowledgedTicks ticks = new AcknowledgedTicks("OUT", 20);
        pushFor(api, ticks, Duration.ofSeconds(1));
        long before = ticks.acknowledgedCount();
        assertTrue(before > 0);

        proxy.cut();
        Instant cut = Instant.now();
        Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
        AtomicLong slowestMillis = new AtomicLong();
        // Blocking clients on threads of their own: the engine's own stages use the common pool.
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
        CompletableFuture<Boolean> readinessDown =
            CompletableFuture.supplyAsync(
                () -> {
                  while (Duration.between(cut, Instant.now()).compareTo(OUTAGE) < 0) {
                    if (api.get("/health/ready").status() == 503) {
                      return true;
                    }
                  }
                  return false;
                },
                threads);
        // Several clients at once, as in production: every one of them must get a timely answer.
        CompletableFuture<?>[] clients = new CompletableFuture<?>[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
          clients[c] =
              CompletableFuture.runAsync(
                  () -> {
                    while (Duration.between(cut, Instant.now()).compareTo(OUTAGE) < 0) {
                      long sent = System.nanoTime();
                      ApiClient.Response response = ticks.pushRound(api);
                      long millis = (System.nanoTime() - sent) / 1_000_000;
                      int status = response == null ? -1 : response.status();
                      statuses.merge(status, 1, Integer::sum);
                      if (status == 503) {
                        assertEquals("unavailable", response.errorCode(), response.body());
                        slowestMillis.accumulateAndGet(millis, Math::max);
                      }
                    }
                  },
                  threads);
        }
        CompletableFuture.allOf(clients).join();
        boolean readinessWentDown = readinessDown.join();
        threads.shutdown();
        assertTrue(readinessWentDown, "readiness stayed up without a database");
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503), "" + statuses);
        assertTrue(statuses.getOrDefault(503, 0) > 0, "no 503 while the database was away");
        // One retry at half the ask timeout, so an answer within the ask timeout plus scheduling.
        assertTrue(
            slowestMillis.get() <= ASK_TIMEOUT.toMillis() + 2_000,
            "slowest 503 took " + slowestMillis);

        proxy.restore();
        Instant restored = Instant.now();
        long acknowledgedAtRestore = ticks.acknowledgedCount();
        Polling.await(
            Duration.ofSeconds(60),
            () -> {
              ticks.pushRound(api);
              return ticks.acknowledgedCount();
            },
            count -> count > acknowledgedAtRestore);
        Duration firstAccepted = Duration.between(restored, Instant.now());
        pushFor(api, ticks, Duration.ofSeconds(1));

        // Batches rolled back by the outage leave ordering gaps that the tag query waits out
        // (10 s) before it reads past them.
        Polling.await(
            Duration.ofSeconds(60), () -> ticks.assertProjectedExactlyOnce(direct.jdbcUrl(), api));
        Duration projected = Duration.between(restored, Instant.now());
        assertEquals(200, api.get("/health/ready").status());
        AcknowledgedTicks.Figures figures = ticks.figures(direct.jdbcUrl());
        FaultReport.print(
            "database-outage",
            figures
                + "; during the "
                + FaultReport.seconds(OUTAGE)
                + " outage, "
                + CLIENTS
                + " clients got HTTP statuses "
                + statuses
                + ", slowest 503 "
                + slowestMillis
                + " ms; first tick accepted "
                + FaultReport.seconds(firstAccepted)
                + " and history complete "
                + FaultReport.seconds(projected)
                + " after the database returned");
        assertEquals(0, figures.lost());
        assertEquals(0, figures.duplicated());
      }
    } finally {
      direct.close();
    }
  }

  private static void pushFor(ApiClient api, AcknowledgedTicks ticks, Duration duration) {
    Instant end = Instant.now().plus(duration);
    while (Instant.now().isBefore(end)) {
      ticks.pushRound(api);
    }
  }
}
