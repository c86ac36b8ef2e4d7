package io.priceengine.http;

import akka.http.javadsl.server.Route;
import ch.qos.logback.classic.LoggerContext;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseSettings;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a Price Engine node from {@code application.conf} and the environment. */
public final class Main {
  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** Longer than a coordinated shutdown takes (its phases' timeouts add up to about a minute). */
  private static final long SHUTDOWN_WAIT_SECONDS = 120;

  private Main() {}

  public static void main(String[] args) {
    run(Optional.empty());
  }

  /**
   * Runs a node as {@link #main} does, serving {@code extraRoute} in front of the API (see {@link
   * PriceEngine#start(Config, Database, Route)}): for launchers outside the product, such as the
   * benchmark's, that add endpoints of their own.
   */
  public static void runWith(Route extraRoute) {
    run(Optional.of(extraRoute));
  }

  private static void run(Optional<Route> extraRoute) {
    // Before anything touches ForkJoinPool: on 2 cores its parallelism would be 1, and every
    // async CompletableFuture stage would then start a new thread (docs/architecture.md, "Common
    // pool parallelism").
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "4");
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    AtomicReference<PriceEngine> engine = new AtomicReference<>();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> flushLogAfter(engine.get()), "flush-log"));
    try {
      Config config = ConfigFactory.load();
      engine.set(
          extraRoute.isEmpty()
              ? PriceEngine.start(config)
              : PriceEngine.start(
                  config, Database.open(DatabaseSettings.fromConfig(config)), extraRoute.get()));
    } catch (Exception e) {
      log.error("Price Engine failed to start: {}", e.toString(), e);
      System.exit(1);
    }
  }

  /**
   * The log is written asynchronously, so that actors never wait for stdout; at exit (SIGTERM, or
   * the node downed by the cluster) the lines of the shutdown itself would still be queued when the
   * JVM halts. This hook runs beside Akka's own, waits until coordinated shutdown has terminated
   * the actor system and the database is closed (an embedded server is a child process that would
   * outlive us), and then drains the log.
   */
  private static void flushLogAfter(PriceEngine engine) {
    if (engine != null) {
      try {
        engine.released().toCompletableFuture().get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        // not terminated in time: drain what there is
      }
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
