package io.priceengine.http;

import com.typesafe.config.ConfigFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a Price Engine node from {@code application.conf} and the environment. */
public final class Main {
  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    // Before anything touches ForkJoinPool: on 2 cores its parallelism would be 1, and every
    // async CompletableFuture stage would then start a new thread (DESIGN.md, measured facts).
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null) {
      System.setProperty(COMMON_POOL_PARALLELISM, "4");
    }
    Logger log = LoggerFactory.getLogger(Main.class);
    try {
      PriceEngine.start(ConfigFactory.load());
    } catch (Exception e) {
      log.error("Price Engine failed to start: {}", e.toString(), e);
      System.exit(1);
    }
  }
}
