package io.priceengine.persistence.db;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's PostgreSQL database, migrated to the current schema: the external one of the
 * settings, or the embedded server started (and later stopped) by this handle. It hands the
 * connection settings to the Akka persistence and projection plugins.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String host;
  private final int port;
  private final String database;
  private final EmbeddedDatabase embedded; // null when the server is not ours

  private Database(
      String jdbcUrl,
      String user,
      String password,
      String host,
      int port,
      String database,
      EmbeddedDatabase embedded) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.host = host;
    this.port = port;
    this.database = database;
    this.embedded = embedded;
  }

  /**
   * Connects to the configured database, starting the embedded server when no URL is set, and
   * applies the Flyway migrations before returning.
   */
  public static Database open(DatabaseSettings settings) {
    if (!settings.jdbcUrl().isEmpty()) {
      return migrated(external(settings));
    }
    EmbeddedDatabase server = EmbeddedDatabase.start(settings.dataDir(), settings.embeddedPort());
    try {
      return migrated(
          new Database(
              server.jdbcUrl(),
              server.user(),
              server.password(),
              server.host(),
              server.port(),
              server.database(),
              server));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private static Database external(DatabaseSettings settings) {
    Properties url = Driver.parseURL(settings.jdbcUrl(), null);
    if (url == null) {
      throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + settings.jdbcUrl());
    }
    // A multi-host URL lists fail-over servers; the R2DBC plugin takes only the first one.
    String host = PGProperty.PG_HOST.getOrDefault(url).split(",")[0];
    String port = PGProperty.PG_PORT.getOrDefault(url).split(",")[0];
    return new Database(
        settings.jdbcUrl(),
        settings.user(),
        settings.password(),
        host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
        Integer.parseInt(port),
        PGProperty.PG_DBNAME.getOrDefault(url),
        null);
  }

  private static Database migrated(Database db) {
    MigrateResult result =
        Flyway.configure()
            .dataSource(db.jdbcUrl, db.user, db.password)
            .locations("classpath:db/migration")
            .loggers("slf4j")
            .load()
            .migrate();
    log.info(
        "Database {} on {}:{} at schema version {} ({} migrations applied now)",
        db.database,
        db.host,
        db.port,
        result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion,
        result.migrationsExecuted);
    return db;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String database() {
    return database;
  }

  /** True when this handle started the server (and so stops it on close). */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /**
   * The connection settings of the Akka plugins configured in persistence.conf, to be laid over the
   * application's configuration: {@code db.akkaConfig().withFallback(ConfigFactory.load())}.
   */
  public Config akkaConfig() {
    return ConfigFactory.parseMap(
        Map.of(
            "akka-persistence-jdbc.shared-databases.default.db.url", withBatchedInserts(jdbcUrl),
            "akka-persistence-jdbc.shared-databases.default.db.user", user,
            "akka-persistence-jdbc.shared-databases.default.db.password", password,
            "akka.persistence.r2dbc.connection-factory.host", host,
            "akka.persistence.r2dbc.connection-factory.port", port,
            "akka.persistence.r2dbc.connection-factory.database", database,
            "akka.persistence.r2dbc.connection-factory.user", user,
            "akka.persistence.r2dbc.connection-factory.password", password),
        "connection settings of " + database);
  }

  /**
   * The legacy journal DAO writes each batch of events as one JDBC batch; with this flag the driver
   * sends it as multi-row INSERTs instead of one round trip per event (docs/architecture.md,
   * "Journal DAO").
   */
  static String withBatchedInserts(String jdbcUrl) {
    if (jdbcUrl.contains("reWriteBatchedInserts=")) {
      return jdbcUrl;
    }
    return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
  }

  /** Stops the embedded server if this handle started it; an external one is left alone. */
  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
