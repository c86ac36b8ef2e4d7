package io.priceengine.persistence.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @Test
  void startsMigratedEmbeddedServerWhenNoUrlIsConfiguredAndStopsItOnClose(@TempDir Path dataDir)
      throws Exception {
    Database db = Database.open(new DatabaseSettings("", "postgres", "", dataDir, 0));
    try (db) {
      assertTrue(db.isEmbedded());
      assertEquals("127.0.0.1", db.host());
      assertEquals("price_engine", db.database());
      assertEquals("jdbc:postgresql://127.0.0.1:" + db.port() + "/price_engine", db.jdbcUrl());
      assertEquals(5, rows(db, "SELECT code FROM market_data_providers").size());
      try (Stream<Path> entries = Files.list(dataDir)) {
        assertTrue(entries.anyMatch(p -> p.getFileName().toString().startsWith("pg-bin-")));
      }
    }
    assertThrows(SQLException.class, () -> rows(db, "SELECT 1"));
  }

  @Test
  void createsEveryTable() throws Exception {
    try (Database db = TestDatabase.fresh("createsEveryTable")) {
      Set<String> tables =
          new TreeSet<>(
              rows(
                  db,
                  "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                      + " 'public'"));

      assertEquals(
          new TreeSet<>(
              List.of(
                  "flyway_schema_history",
                  "journal",
                  "snapshot",
                  "akka_projection_offset_store",
                  "akka_projection_timestamp_offset_store",
                  "akka_projection_management",
                  "market_data_providers",
                  "realtime_price_history",
                  "realtime_symbols",
                  "market_data_cache",
                  "symbol_universe",
                  "price_projection_progress")),
          tables);
    }
  }

  @Test
  void seedsProvidersWithPriorityAndStaleness() throws Exception {
    try (Database db = TestDatabase.fresh("seedsProviders")) {
      assertEquals(
          List.of(
              "push 1 60000 HTTP push",
              "upstream-ws 10 10000 Upstream WebSocket feed",
              "replay 20 60000 File replay",
              "http-poll 30 30000 HTTP polling",
              "simulated 50 5000 Simulated random walk"),
          rows(
              db,
              "SELECT code || ' ' || priority || ' ' || stale_after_ms || ' ' || display_name"
                  + " FROM market_data_providers WHERE active ORDER BY priority"));
    }
  }

  @Test
  void keepsLargestApiPriceExactlyAndMasterRowMustPointAtItsHistoryRow() throws Exception {
    try (Database db = TestDatabase.fresh("historyAndMaster");
        Connection c = connect(db)) {
      BigDecimal largest = new BigDecimal("99999999999.9999");
      try (PreparedStatement history =
          c.prepareStatement(
              "INSERT INTO realtime_price_history (symbol, history_id, price, source_timestamp,"
                  + " fetched_at, provider_id) VALUES (?, ?, ?, ?, ?,"
                  + " (SELECT id FROM market_data_providers WHERE code = 'push'))")) {
        Timestamp now = Timestamp.from(Instant.now());
        history.setString(1, "BRK.A");
        history.setLong(2, 1);
        history.setBigDecimal(3, largest);
        history.setTimestamp(4, now);
        history.setTimestamp(5, now);
        history.executeUpdate();
      }
      assertEquals(
          List.of(largest.toPlainString()),
          rows(db, "SELECT price::text FROM realtime_price_history WHERE symbol = 'BRK.A'"));

      String master =
          "INSERT INTO realtime_symbols (symbol, current_price, last_updated, provider_id,"
              + " latest_history_id) VALUES ('BRK.A', 1, now(), 1, ?)";
      try (PreparedStatement ok = c.prepareStatement(master)) {
        ok.setLong(1, 1);
        ok.executeUpdate();
      }
      SQLException dangling =
          assertThrows(
              SQLException.class,
              () -> {
                try (PreparedStatement bad =
                    c.prepareStatement(master.replace("'BRK.A'", "'MSFT'"))) {
                  bad.setLong(1, 1);
                  bad.executeUpdate();
                }
              });
      assertEquals("23503", dangling.getSQLState()); // foreign_key_violation
    }
  }

  @Test
  void externalUrlIsParsedAndClosingLeavesTheServerRunning() throws Exception {
    Database db = TestDatabase.fresh("External URL");
    db.close();

    assertFalse(db.isEmbedded());
    assertEquals("127.0.0.1", db.host());
    assertTrue(db.database().startsWith("external_url_"), db.database());
    assertEquals("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.database(), db.jdbcUrl());
    assertEquals(List.of("1"), rows(db, "SELECT 1"));
  }

  @Test
  void akkaConfigCarriesConnectionSettingsForBothPlugins() throws Exception {
    try (Database db = TestDatabase.fresh("akkaConfig")) {
      Config config = db.akkaConfig();

      Config jdbc = config.getConfig("akka-persistence-jdbc.shared-databases.default.db");
      assertEquals(db.jdbcUrl() + "?reWriteBatchedInserts=true", jdbc.getString("url"));
      assertEquals("postgres", jdbc.getString("user"));
      assertEquals("", jdbc.getString("password"));
      Config r2dbc = config.getConfig("akka.persistence.r2dbc.connection-factory");
      assertEquals("127.0.0.1", r2dbc.getString("host"));
      assertEquals(db.port(), r2dbc.getInt("port"));
      assertEquals(db.database(), r2dbc.getString("database"));
      assertEquals("postgres", r2dbc.getString("user"));
      assertEquals("", r2dbc.getString("password"));
    }
  }

  @Test
  void batchedInsertsFlagJoinsExistingUrlParameters() {
    assertEquals(
        "jdbc:postgresql://h/db?reWriteBatchedInserts=true",
        Database.withBatchedInserts("jdbc:postgresql://h/db"));
    assertEquals(
        "jdbc:postgresql://h/db?sslmode=require&reWriteBatchedInserts=true",
        Database.withBatchedInserts("jdbc:postgresql://h/db?sslmode=require"));
    assertEquals(
        "jdbc:postgresql://h/db?reWriteBatchedInserts=false",
        Database.withBatchedInserts("jdbc:postgresql://h/db?reWriteBatchedInserts=false"));
  }

  private static Connection connect(Database db) throws SQLException {
    return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
  }

  private static List<String> rows(Database db, String sql) throws SQLException {
    try (Connection c = connect(db);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
      return rows;
    }
  }
}
