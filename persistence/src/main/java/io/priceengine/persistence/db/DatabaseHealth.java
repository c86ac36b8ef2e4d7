package io.priceengine.persistence.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Answers "does the journal database answer?" for readiness probes: a {@code SELECT 1} on its own
 * connection and its own thread (JDBC blocks), bounded by a timeout, at most one probe at a time.
 */
public final class DatabaseHealth implements AutoCloseable {
  private static final int TIMEOUT_SECONDS = 2;

  private final String jdbcUrl;
  private final Properties credentials = new Properties();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "database-health");
            thread.setDaemon(true);
            return thread;
          });
  private Connection connection;

  public DatabaseHealth(Database database) {
    this.jdbcUrl = database.jdbcUrl();
    credentials.setProperty("user", database.user());
    credentials.setProperty("password", database.password());
    credentials.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
    credentials.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS));
  }

  /** Completes with true when the database answered within the timeout. */
  public CompletionStage<Boolean> check() {
    return CompletableFuture.supplyAsync(this::ping, executor)
        .completeOnTimeout(false, TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
  }

  // Runs on the single health thread only, so the connection needs no locking.
  private boolean ping() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = DriverManager.getConnection(jdbcUrl, credentials);
      }
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(TIMEOUT_SECONDS);
        statement.execute("SELECT 1");
      }
      return true;
    } catch (SQLException e) {
      closeConnection();
      return false;
    }
  }

  private void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // a broken connection is dropped either way
      }
      connection = null;
    }
  }

  @Override
  public void close() {
    executor.execute(this::closeConnection);
    executor.shutdown();
  }
}
