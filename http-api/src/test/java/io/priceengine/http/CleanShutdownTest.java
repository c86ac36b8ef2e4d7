package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.cluster.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM stops a node cleanly: coordinated shutdown, then the actor system, and only then the
 * embedded PostgreSQL — so nothing still running (the journal's ordering poller, the connection
 * pool) sees its database vanish and logs a failure. The node's own log shows no error, no warning
 * with a stack trace, and its database server gone.
 */
class CleanShutdownTest {
  private static final Path WORK_DIR = Path.of("target", "clean-shutdown");

  @Test
  void sigtermStopsTheNodeAndItsDatabaseWithoutErrorsInTheLog() {
    try (LocalCluster engine =
        LocalCluster.create(WORK_DIR, Map.of("PRICE_ENGINE_PROVIDERS", "simulated"))) {
      NodeProcess node = engine.startFirst("engine").awaitReady();
      // Providers and the projection are busy writing and polling when the signal comes.
      Polling.await(
          Duration.ofSeconds(30),
          () ->
              node.api().get("/api/v1/providers").json().findValues("ticks").stream()
                  .mapToLong(JsonNode::asLong)
                  .sum(),
          ticks -> ticks > 0);

      Instant signalled = Instant.now();
      node.terminate();
      int exit = node.awaitExit(Duration.ofSeconds(90));
      Duration stopped = Duration.between(signalled, Instant.now());

      // A JVM ended by SIGTERM exits with 128 + 15 once its shutdown hooks are done.
      assertEquals(143, exit, "exit code");
      List<String> log = node.logLines();
      assertTrue(
          log.stream().anyMatch(l -> l.contains("Shutdown complete: actor system terminated")),
          "the node logged its complete shutdown");
      assertTrue(log.stream().anyMatch(l -> l.contains("Embedded PostgreSQL on port")));
      List<String> problems =
          log.stream()
              .filter(
                  l ->
                      l.contains(" ERROR ")
                          || l.startsWith("\tat ")
                          || l.startsWith("Caused by:")
                          || l.contains("Exception"))
              .toList();
      assertTrue(problems.isEmpty(), "errors or stack traces in " + node.log() + ": " + problems);
      assertFalse(
          Files.exists(WORK_DIR.resolve("node1-data/postgres/postmaster.pid")),
          "PostgreSQL still runs");
      FaultReport.print(
          "clean-shutdown", "SIGTERM to exit " + exit + " in " + FaultReport.seconds(stopped));
    }
  }
}
