package io.priceengine.persistence.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the bundled binaries on 127.0.0.1, with its data under {@code
 * <dataDir>/postgres} so that it survives restarts: the engine's database when no external URL is
 * configured. It copes with a server left running by a JVM that was killed.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  static final String HOST = "127.0.0.1";
  static final String DATABASE = "price_engine";
  static final String USER = "postgres";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Process server;
  private final int port;
  private boolean closed;

  private EmbeddedDatabase(Process server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts the server on {@code port} (0 = any free port) and creates the {@code price_engine}
   * database if missing; initializes {@code <dataDir>/postgres} on first use.
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    return start(dataDir, dataDir, port);
  }

  /** As {@link #start(Path, int)}, with the binaries unpacked under {@code binariesCache}. */
  static EmbeddedDatabase start(Path dataDir, Path binariesCache, int port) {
    long started = System.nanoTime();
    Path binaries = PostgresBinaries.install(binariesCache.toAbsolutePath().normalize());
    Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
    if (!Files.exists(pgData.resolve("PG_VERSION"))) {
      initdb(binaries, pgData);
    }
    PostgresProcesses.stopLeftoverServer(pgData);
    int chosenPort = port == 0 ? freePort() : port;
    EmbeddedDatabase db = new EmbeddedDatabase(launch(binaries, pgData, chosenPort), chosenPort);
    try {
      db.awaitReady(pgData);
      db.createDatabaseIfMissing(DATABASE);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    log.info(
        "Embedded PostgreSQL (pid {}) listening on {}:{} with data in {}, started in {} ms",
        db.server.pid(),
        HOST,
        chosenPort,
        pgData,
        (System.nanoTime() - started) / 1_000_000);
    return db;
  }

  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  public String database() {
    return DATABASE;
  }

  public String user() {
    return USER;
  }

  /** Empty: the server trusts local TCP connections (it listens on loopback only). */
  public String password() {
    return "";
  }

  /**
   * Creates database {@code name} on this server unless it exists. The name must be a plain
   * lower-case identifier, because DDL cannot take it as a bind parameter.
   */
  void createDatabaseIfMissing(String name) {
    if (!DATABASE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a plain database name: " + name);
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      if (!exists.executeQuery().next()) {
        try (Statement create = c.createStatement()) {
          create.execute("CREATE DATABASE " + name);
        }
        log.info("Created database {} on embedded PostgreSQL port {}", name, port);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name, e);
    }
  }

  /** Stops the server with a fast shutdown (open sessions are rolled back) and waits for it. */
  @Override
  public synchronized void close() {
    stopWith(PostgresProcesses.FAST_SHUTDOWN);
  }

  /**
   * Stops the server without its shutdown checkpoint (PostgreSQL's immediate shutdown), for a
   * server whose data is about to be deleted: a test server at JVM exit. On data that is kept, the
   * next start would have to run crash recovery.
   */
  public synchronized void discard() {
    stopWith(PostgresProcesses.IMMEDIATE_SHUTDOWN);
  }

  private void stopWith(String signal) {
    if (!closed) {
      closed = true;
      PostgresProcesses.stop(server.toHandle(), signal);
      log.info("Embedded PostgreSQL on port {} stopped", port);
    }
  }

  private static void initdb(Path binaries, Path pgData) {
    List<String> command =
        PostgresProcesses.command(
            binaries.resolve("bin/initdb"),
            List.of(
                "--pgdata=" + pgData,
                "--username=" + USER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C"));
    try {
      Process initdb = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(initdb.getInputStream().readAllBytes());
      if (initdb.waitFor() != 0) {
        throw new IllegalStateException("initdb failed for " + pgData + ":\n" + output);
      }
      log.info("Initialized a new PostgreSQL data directory in {}", pgData);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run initdb", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running initdb", e);
    }
  }

  private static Process launch(Path binaries, Path pgData, int port) {
    List<String> args = new ArrayList<>(List.of("-D", pgData.toString()));
    // Given at every start rather than written to postgresql.conf, so that a changed setting
    // also reaches data directories initialized by an older version.
    args.addAll(
        List.of(
            "--listen_addresses=" + HOST,
            "--port=" + port,
            // no socket file: clients reach the server over loopback TCP only
            "--unix_socket_directories=",
            // each node holds ~30 connections (20 JDBC for the journal, up to 8 R2DBC, health);
            // a cluster of several nodes on the embedded server needs more than the default 100
            "--max_connections=200",
            "--shared_buffers=128MB",
            // a tick acknowledged as accepted is in the journal: commits must survive a crash
            "--fsync=on",
            "--synchronous_commit=on",
            "--log_min_messages=warning"));
    try {
      return new ProcessBuilder(PostgresProcesses.command(binaries.resolve("bin/postgres"), args))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(serverLog(pgData).toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start PostgreSQL", e);
    }
  }

  static Path serverLog(Path pgData) {
    return pgData.resolve("server.log");
  }

  private void awaitReady(Path pgData) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (true) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "PostgreSQL exited with code "
                + server.exitValue()
                + ", last lines of "
                + serverLog(pgData)
                + ":\n"
                + logTail(pgData));
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
          Statement s = c.createStatement()) {
        s.execute("SELECT 1");
        return;
      } catch (SQLException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "PostgreSQL did not accept connections within " + STARTUP_TIMEOUT, notYet);
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
      }
    }
  }

  private static String logTail(Path pgData) {
    try {
      List<String> lines = Files.readAllLines(serverLog(pgData));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + HOST, e);
    }
  }
}
