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
import org.junit.jupiter.api.Test;

/**
 * The database goes away during ingestion (a proxy in front of it is cut) and comes back: ticks
 * acknowledged before stay acknowledged, and the projection backs off, resumes and writes every
 * journal event once.
 */
class DatabaseOutageTest {

  @Test
  void projectionResumesAfterTheDatabaseComesBackWithoutLossOrDuplicates() {
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
      // Ticks whose answer timed out during the outage may still be persisted once the entity
      // is back, so the test settles on the engine's own history ids below, not on its acks.
      try (TestEngine engine =
          TestEngine.startOn(viaProxy, Map.of("price-engine.symbol.ask-timeout", "2s"))) {
        ApiClient api = engine.client();
        AcknowledgedTicks ticks = new AcknowledgedTicks("OUT", 20);
        pushFor(api, ticks, Duration.ofSeconds(1));
        long before = ticks.acknowledgedCount();
        assertTrue(before > 0);

        proxy.cut();
        pushFor(api, ticks, Duration.ofSeconds(2));
        assertEquals(503, api.get("/health/ready").status());
        assertEquals(
            before, ticks.acknowledgedCount(), "nothing is acknowledged without a journal");

        proxy.restore();
        // Entities and journal connections come back within their backoffs (at most 5 s each).
        Polling.await(
            Duration.ofSeconds(60),
            () -> {
              ticks.pushRound(api);
              return ticks.acknowledgedCount();
            },
            count -> count > before + 20);
        pushFor(api, ticks, Duration.ofSeconds(1));

        // Batches rolled back by the outage leave ordering gaps that the tag query waits out
        // (10 s) before it reads past them.
        Polling.await(
            Duration.ofSeconds(60), () -> ticks.assertProjectedExactlyOnce(direct.jdbcUrl(), api));
        assertEquals(
            0,
            api.get("/api/v1/admin/metrics", TestEngine.ADMIN_TOKEN)
                .json()
                .get("projectionLagMillis")
                .asLong());
        assertEquals(200, api.get("/health/ready").status());
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
