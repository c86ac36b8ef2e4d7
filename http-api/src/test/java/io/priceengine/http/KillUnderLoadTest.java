package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.http.cluster.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fault test 1 (docs/reliability.md): the engine, in a JVM of its own on an embedded database of
 * its own, is killed with SIGKILL while ticks stream in at a steady rate and the projection runs. A
 * new JVM on the same data directory (its PostgreSQL left running by the dead one) must have every
 * acknowledged tick in the journal and once in the history table, and quotes equal to the last
 * acknowledged ticks. Then the client sends every request it got no answer for again, with the same
 * tick ids: each tick is still in the history once.
 */
class KillUnderLoadTest {
  private static final Path WORK_DIR = Path.of("target", "kill-under-load");
  private static final Duration ROUND_EVERY = Duration.ofMillis(100);

  @Test
  void killedEngineLosesNoAcknowledgedTickAndProjectsEachOnce() throws Exception {
    AcknowledgedTicks ticks = new AcknowledgedTicks("KUL", 50, true);
    try (LocalCluster engine =
        LocalCluster.create(
            WORK_DIR,
            Map.of(
                "PRICE_ENGINE_PROVIDERS", "none",
                // gaps left by the killed node's open transactions: waited 2 s, not 10
                "JAVA_TOOL_OPTIONS",
                    "-Djdbc-read-journal.journal-sequence-retrieval.max-tries=20"))) {
      NodeProcess first = engine.startFirst("engine").awaitReady();

      ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
      load.scheduleAtFixedRate(
          () -> ticks.pushRound(first.api()), 0, ROUND_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      Polling.await(Duration.ofSeconds(60), ticks::acknowledgedCount, acked -> acked >= 2_000);
      // one more round on its way as the engine dies: its answer never comes
      CompletableFuture<ApiClient.Response> cutOff =
          CompletableFuture.supplyAsync(() -> ticks.pushRound(first.api()));
      first.kill();
      assertEquals(137, first.awaitExit(Duration.ofSeconds(30)), "exit code of SIGKILL");
      load.shutdown();
      assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));
      cutOff.join();

      Instant restarted = Instant.now();
      NodeProcess second = engine.restartFirst("engine-restarted").awaitReady();
      Duration toReady = Duration.between(restarted, Instant.now());
      ApiClient api = second.api();
      api.awaitProjectionCaughtUp(Duration.ofSeconds(60));

      String jdbcUrl = engine.jdbcUrl();
      ticks.assertJournalAndQuotes(jdbcUrl, api);
      // The client sends the rounds it got no answer for again, with the same tick ids (some were
      // persisted before the kill, some not), and an acknowledged one: each tick lands once.
      int resent = ticks.resendUnansweredAndLastRound(api);
      api.awaitProjectionCaughtUp(Duration.ofSeconds(60));
      // Nothing writes any more, so journal and history are final.
      Polling.await(Duration.ofSeconds(60), () -> ticks.assertProjectedExactlyOnce(jdbcUrl, api));
      AcknowledgedTicks.Figures figures = ticks.figures(jdbcUrl);
      FaultReport.print(
          "kill-under-load",
          figures
              + " of "
              + ticks.rounds() * 50L
              + " sent at "
              + (1000 / ROUND_EVERY.toMillis()) * 50
              + "/s; ready "
              + FaultReport.seconds(toReady)
              + " after the restart (new JVM, leftover PostgreSQL stopped); "
              + resent
              + " rounds sent again with their tick ids");
      assertEquals(0, figures.lost());
      assertEquals(0, figures.duplicated());
    }
  }
}
