package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * With the common pool at parallelism 1 (2 cores), every async CompletableFuture stage starts a new
 * thread (docs/architecture.md, "Common pool parallelism"). The build's test JVMs and Main set it
 * to 4; this test fails if that is lost.
 */
class CommonPoolTest {

  @Test
  void commonPoolHasRealParallelism() {
    assertTrue(
        ForkJoinPool.getCommonPoolParallelism() >= 2,
        "common pool parallelism is " + ForkJoinPool.getCommonPoolParallelism());
  }

  @Test
  void asyncStagesDoNotStartAThreadEach() {
    long threadsBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
    CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
    for (int i = 0; i < 2_000; i++) {
      chain = chain.thenApplyAsync(n -> n + 1);
    }
    chain.join();
    long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - threadsBefore;
    assertTrue(started < 100, started + " threads started for 2,000 async stages");
  }
}
