package io.priceengine.persistence.provider;

import io.priceengine.engine.catalog.ProviderSpec;
import io.priceengine.persistence.db.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code market_data_providers} in step with the engine's provider catalog: one row per
 * catalog entry with its display name, priority and staleness, {@code active} for those in the
 * catalog. Rows of providers no longer configured are deactivated, never deleted, because history
 * rows reference them. Runs once at start-up, before any tick is accepted; every node may run it
 * (it is idempotent).
 */
public final class ProviderRegistry {
  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

  private static final String UPSERT =
      "INSERT INTO market_data_providers (code, display_name, priority, stale_after_ms, active)"
          + " VALUES (?, ?, ?, ?, TRUE) ON CONFLICT (code) DO UPDATE SET display_name ="
          + " EXCLUDED.display_name, priority = EXCLUDED.priority, stale_after_ms ="
          + " EXCLUDED.stale_after_ms, active = TRUE";
  private static final String DEACTIVATE_OTHERS =
      "UPDATE market_data_providers SET active = FALSE WHERE active AND NOT (code = ANY (?))";

  private ProviderRegistry() {}

  /** Writes the catalog in one transaction (blocking JDBC: call it off the actor threads). */
  public static void sync(Database database, Collection<ProviderSpec> catalog) {
    try (Connection connection =
        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      connection.setAutoCommit(false);
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT);
          PreparedStatement deactivate = connection.prepareStatement(DEACTIVATE_OTHERS)) {
        for (ProviderSpec spec : catalog) {
          upsert.setString(1, spec.code());
          upsert.setString(2, spec.displayName());
          upsert.setInt(3, spec.priority());
          upsert.setLong(4, spec.staleAfter().toMillis());
          upsert.addBatch();
        }
        upsert.executeBatch();
        deactivate.setArray(
            1,
            connection.createArrayOf(
                "varchar", catalog.stream().map(ProviderSpec::code).toArray(String[]::new)));
        int deactivated = deactivate.executeUpdate();
        connection.commit();
        log.info(
            "provider registry in sync: {} provider(s) active, {} deactivated",
            catalog.size(),
            deactivated);
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not sync market_data_providers: " + e.getMessage(), e);
    }
  }
}
