package io.priceengine.persistence.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDatabaseTest {

  @TempDir Path dataDir;

  @Test
  void startsAsRootAndAnswersOnLoopbackOnly() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, TestDatabase.BINARIES, 0)) {
      assertEquals("127.0.0.1", db.host());
      assertEquals("jdbc:postgresql://127.0.0.1:" + db.port() + "/price_engine", db.jdbcUrl());
      assertEquals("price_engine", query(db, "SELECT current_database()"));
      assertEquals("postgres", query(db, "SELECT current_user"));
      assertEquals("127.0.0.1", query(db, "SHOW listen_addresses"));
      assertEquals("", query(db, "SHOW unix_socket_directories"));
      assertEquals("on", query(db, "SHOW fsync"));
      assertEquals("on", query(db, "SHOW synchronous_commit"));
      assertTrue(Files.exists(dataDir.resolve("postgres/PG_VERSION")));
    }
  }

  @Test
  void keepsDataAcrossRestarts() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, TestDatabase.BINARIES, 0)) {
      update(db, "CREATE TABLE kept (price NUMERIC(15,4))");
      update(db, "INSERT INTO kept VALUES (189.25)");
    }
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, TestDatabase.BINARIES, 0)) {
      assertEquals("189.2500", query(db, "SELECT price FROM kept"));
    }
  }

  @Test
  void stopsServerLeftRunningByKilledJvmAndTakesOver() throws Exception {
    EmbeddedDatabase forgotten = EmbeddedDatabase.start(dataDir, TestDatabase.BINARIES, 0);
    update(forgotten, "CREATE TABLE survivor (id INT)");
    long oldPid = postmasterPid();

    try (EmbeddedDatabase db =
        EmbeddedDatabase.start(dataDir, TestDatabase.BINARIES, forgotten.port())) {
      assertTrue(ProcessHandle.of(oldPid).map(p -> !p.isAlive()).orElse(true));
      assertNotEquals(oldPid, postmasterPid());
      update(db, "INSERT INTO survivor VALUES (1)");
      assertEquals("1", query(db, "SELECT count(*) FROM survivor"));
    }
  }

  @Test
  void startsAfterServerWasKilledLeavingStaleLockFile() throws Exception {
    EmbeddedDatabase crashed = EmbeddedDatabase.start(dataDir, TestDatabase.BINARIES, 0);
    ProcessHandle postmaster = ProcessHandle.of(postmasterPid()).orElseThrow();
    List<ProcessHandle> workers = postmaster.children().toList();
    postmaster.destroyForcibly();
    postmaster.onExit().get(10, TimeUnit.SECONDS);
    // Workers notice the postmaster's death and exit; until then they pin its shared memory.
    for (ProcessHandle worker : workers) {
      worker.onExit().get(10, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(dataDir.resolve("postgres/postmaster.pid")));

    try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, TestDatabase.BINARIES, 0)) {
      assertEquals("1", query(db, "SELECT 1"));
      assertNotEquals(postmaster.pid(), postmasterPid());
    }
    crashed.close(); // its process is gone already: nothing to stop
  }

  private long postmasterPid() throws Exception {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0));
  }

  private static String query(EmbeddedDatabase db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

  private static void update(EmbeddedDatabase db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
