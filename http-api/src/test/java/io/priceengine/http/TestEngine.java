package io.priceengine.http;

import akka.http.javadsl.server.Route;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseSettings;
import io.priceengine.persistence.db.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Price Engine node for integration tests: the full application on a fresh database of the
 * shared embedded PostgreSQL, HTTP and cluster on free ports, fixed tokens, no providers unless a
 * test enables them.
 */
public final class TestEngine implements AutoCloseable {
  public static final String INGEST_TOKEN = "test-ingest-token";
  public static final String ADMIN_TOKEN = "test-admin-token";

  private final PriceEngine engine;
  private final String jdbcUrl;
  private final ApiClient client;

  private TestEngine(PriceEngine engine, String jdbcUrl) {
    this.engine = engine;
    this.jdbcUrl = jdbcUrl;
    this.client = new ApiClient("http://127.0.0.1:" + engine.port());
  }

  public static TestEngine start(String testName) {
    return start(TestDatabase.fresh(testName), Map.of());
  }

  public static TestEngine start(String testName, Map<String, Object> overrides) {
    return start(TestDatabase.fresh(testName), overrides);
  }

  /** A node that also serves {@code extraRoute}, as a launcher outside the product starts it. */
  public static TestEngine startWithRoute(String testName, Route extraRoute) {
    return start(TestDatabase.fresh(testName), Map.of(), Optional.of(extraRoute));
  }

  /** A new node on the same database as {@code previous} (which must be stopped). */
  public static TestEngine restartOn(TestEngine previous) {
    return restartOn(previous, Map.of());
  }

  /** A new node on the same database as {@code previous} (stopped), with its own settings. */
  public static TestEngine restartOn(TestEngine previous, Map<String, Object> overrides) {
    Database database =
        Database.open(new DatabaseSettings(previous.jdbcUrl, "postgres", "", Path.of("unused"), 0));
    return start(database, overrides);
  }

  /** A node on an opened database, e.g. one reached through a proxy the test can cut. */
  public static TestEngine startOn(Database database, Map<String, Object> overrides) {
    return start(database, overrides);
  }

  private static TestEngine start(Database database, Map<String, Object> overrides) {
    return start(database, overrides, Optional.empty());
  }

  private static TestEngine start(
      Database database, Map<String, Object> overrides, Optional<Route> extraRoute) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("price-engine.http.port", 0);
    settings.put("price-engine.http.ingest-token", INGEST_TOKEN);
    settings.put("price-engine.http.admin-token", ADMIN_TOKEN);
    settings.put("price-engine.providers.enabled", "none");
    settings.put("akka.remote.artery.canonical.port", 0);
    settings.put("akka.coordinated-shutdown.exit-jvm", "off");
    settings.put("akka.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    settings.putAll(overrides);
    Config config = ConfigFactory.parseMap(settings).withFallback(ConfigFactory.load());
    try {
      PriceEngine node =
          extraRoute.isPresent()
              ? PriceEngine.start(config, database, extraRoute.get())
              : PriceEngine.start(config, database);
      TestEngine engine = new TestEngine(node, database.jdbcUrl());
      engine.client.awaitReady(Duration.ofSeconds(60));
      return engine;
    } catch (Exception e) {
      throw new IllegalStateException("engine did not start", e);
    }
  }

  public ApiClient client() {
    return client;
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public PriceEngine engine() {
    return engine;
  }

  @Override
  public void close() {
    try {
      engine.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("engine did not stop", e);
    }
  }
}
