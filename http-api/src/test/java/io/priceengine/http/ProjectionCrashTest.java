package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseSettings;
import io.priceengine.persistence.db.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The whole application is killed (SIGKILL, no shutdown) while ticks stream in and the projection
 * runs; a new node on the same database projects every journal event exactly once.
 */
class ProjectionCrashTest {
  private static final Pattern LISTENING =
      Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  @Test
  void killedNodeLeavesNoDuplicateOrMissingHistoryRowAfterRestart() throws Exception {
    Database db = TestDatabase.fresh("projection_crash");
    AcknowledgedTicks ticks = new AcknowledgedTicks("KIL", 50);
    Process node = startNode(db);
    try {
      ApiClient api = new ApiClient("http://127.0.0.1:" + awaitPort(node));
      api.awaitReady(Duration.ofSeconds(60));
      Instant end = Instant.now().plusSeconds(3);
      while (Instant.now().isBefore(end)) {
        ticks.pushRound(api);
      }
      // Kill while a request is in flight, so that journal and projection are mid-stream.
      CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> ticks.pushRound(api));
      node.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      inFlight.join();
    } finally {
      node.destroyForcibly();
    }
    assertTrue(ticks.acknowledgedCount() > 0);

    Database reopened =
        Database.open(new DatabaseSettings(db.jdbcUrl(), "postgres", "", Path.of("unused"), 0));
    // Gaps left by the killed node's open transactions are waited out 2 s instead of 10.
    try (TestEngine restarted =
        TestEngine.startOn(
            reopened, Map.of("jdbc-read-journal.journal-sequence-retrieval.max-tries", 20))) {
      ApiClient api = restarted.client();
      Polling.await(
          Duration.ofSeconds(60),
          () ->
              api.get("/api/v1/admin/metrics", TestEngine.ADMIN_TOKEN)
                  .json()
                  .path("projectionLagMillis")
                  .asLong(-1),
          lag -> lag == 0);
      // Nothing writes after the restart, so what is projected now is final.
      ticks.assertProjectedExactlyOnce(db.jdbcUrl(), api);
    } finally {
      db.close();
    }
  }

  /** The engine's Main in a JVM of its own, on the test's class path and database. */
  private static Process startNode(Database db) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()))
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PRICE_ENGINE_DB_URL", db.jdbcUrl());
    env.put("PRICE_ENGINE_DB_USER", "postgres");
    env.put("PRICE_ENGINE_DB_PASSWORD", "");
    env.put("PRICE_ENGINE_PROVIDERS", "none");
    env.put("PRICE_ENGINE_HTTP_PORT", "0");
    env.put("PRICE_ENGINE_CLUSTER_PORT", "0");
    env.put("PRICE_ENGINE_SEED_NODES", "");
    env.put("PRICE_ENGINE_INGEST_TOKEN", TestEngine.INGEST_TOKEN);
    env.put("PRICE_ENGINE_ADMIN_TOKEN", TestEngine.ADMIN_TOKEN);
    env.remove("PRICE_ENGINE_READ_TOKEN");
    return builder.start();
  }

  /** Reads the node's output until it names its HTTP port; the rest of the output is drained. */
  private static int awaitPort(Process node) throws Exception {
    BufferedReader output =
        new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                  Matcher matcher = LISTENING.matcher(line);
                  if (!port.isDone() && matcher.find()) {
                    port.complete(Integer.parseInt(matcher.group(1)));
                  }
                }
                port.completeExceptionally(
                    new IllegalStateException("node exited before listening"));
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
            },
            "crash-test-node-output");
    reader.setDaemon(true);
    reader.start();
    return port.get(90, TimeUnit.SECONDS);
  }
}
