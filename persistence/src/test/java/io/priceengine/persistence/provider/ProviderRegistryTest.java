package io.priceengine.persistence.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.priceengine.engine.catalog.ProviderSpec;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

  private static List<String> rows(Database db) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT id, code, display_name, priority, stale_after_ms, active"
                        + " FROM market_data_providers ORDER BY code")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            rs.getInt(1)
                + " "
                + rs.getString(2)
                + " '"
                + rs.getString(3)
                + "' "
                + rs.getInt(4)
                + " "
                + rs.getLong(5)
                + " "
                + rs.getBoolean(6));
      }
      return rows;
    }
  }

  @Test
  void upsertsCatalogKeepsIdsAndDeactivatesProvidersNoLongerConfigured() throws Exception {
    try (Database db = TestDatabase.fresh("provider_registry")) {
      List<String> seeded = rows(db);
      assertEquals(5, seeded.size());
      String pushRow = seeded.stream().filter(r -> r.contains(" push ")).findFirst().orElseThrow();

      List<ProviderSpec> catalog =
          List.of(
              new ProviderSpec("push", "HTTP push", 1, Duration.ofSeconds(60)),
              new ProviderSpec("upstream-ws", "Finnhub feed", 5, Duration.ofSeconds(3)),
              new ProviderSpec("vendor-x", "Vendor X", 40, Duration.ofMinutes(2)));
      ProviderRegistry.sync(db, catalog);
      ProviderRegistry.sync(db, catalog);

      List<String> synced = rows(db);
      assertEquals(6, synced.size(), synced.toString());
      // Same id: history rows keep pointing at their provider.
      assertEquals(
          pushRow, synced.stream().filter(r -> r.contains(" push ")).findFirst().orElseThrow());
      assertEquals(
          List.of(
              "http-poll 'HTTP polling' 30 30000 false",
              "push 'HTTP push' 1 60000 true",
              "replay 'File replay' 20 60000 false",
              "simulated 'Simulated random walk' 50 5000 false",
              "upstream-ws 'Finnhub feed' 5 3000 true",
              "vendor-x 'Vendor X' 40 120000 true"),
          synced.stream().map(r -> r.substring(r.indexOf(' ') + 1)).toList());
    }
  }
}
