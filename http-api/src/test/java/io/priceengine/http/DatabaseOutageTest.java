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
import java.util.TreeMap;
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
      try (TestEngine engine =
          TestEngine.startOn(viaProxy, Map.of("price-engine.symbol.ask-timeout", ASK_TIMEOUT.toSeconds() + "s"))) {
        ApiClient api = engine.client();
        AcknowledgedTicks ticks = new AcknowledgedTicks("OUT", 20);
        pushFor(api, ticks, Duration.ofSeconds(1));
        long before = ticks.acknowledgedCount();
        assertTrue(before > 0);

        proxy.cut();
        Instant cut = Instant.now();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long slowestMillis = 0;
        boolean readinessWentDown = false;
        while (Duration.between(cut, Instant.now()).compareTo(OUTAGE) < 0) {
          long sent = System.nanoTime();
          ApiClient.Response response = ticks.pushRound(api);
          long millis = (System.nanoTime() - sent) / 1_000_000;
          int status = response == null ? -1 : response.status();
          statuses.merge(status, 1, Integer::sum);
          if (status == 503) {
            assertEquals("unavailable", response.errorCode(), response.body());
            slowestMillis = Math.max(slowestMillis, millis);
          }
          if (!readinessWentDown) {
            readinessWentDown = api.get("/health/ready").status() == 503;
          }
        }
        assertTrue(readinessWentDown, "readiness stayed up without a database");
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503), "" + statuses);
        assertTrue(statuses.getOrDefault(503, 0) > 0, "no 503 while the database was away");
        // One retry at half the ask timeout, so an answer within the ask timeout plus scheduling.
        assertTrue(
            slowestMillis <= ASK_TIMEOUT.toMillis() + 2_000, "slowest 503 took " + slowestMillis);

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
                + " outage HTTP statuses "
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
