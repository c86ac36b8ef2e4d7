package io.priceengine.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Price Engine node in a JVM of its own, as an operator runs it: the application jar (or the
 * test's class path when the jar is not built), configured by environment variables, its output
 * copied to a log file. The test talks to it over HTTP only, and ends it with a real signal. The
 * cluster and fault tests start their nodes with it.
 */
public final class NodeProcess {
  private static final Pattern LISTENING =
      Pattern.compile(
          "listening on http://127\\.0\\.0\\.1:(\\d+), cluster node 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern DATABASE =
      Pattern.compile("Embedded PostgreSQL \\(pid \\d+\\) listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

  private final String name;
  private final Process process;
  private final Path log;
  private final CompletableFuture<int[]> ports = new CompletableFuture<>();
  private final CompletableFuture<Integer> databasePort = new CompletableFuture<>();
  private volatile ApiClient api;

  private NodeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts the node's JVM; {@link #awaitListening} waits for its HTTP port. */
  public static NodeProcess start(String name, Map<String, String> environment, Path logDir) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small heap, serial GC and C1 only: several engines share two cores with the build.
    command.addAll(
        List.of(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
            // the application's logging (cluster events at INFO), not the tests' quieter one
            "-Dlogback.configurationFile=logback.xml"));
    String jar = System.getProperty("price-engine.jar", "");
    if (!jar.isEmpty() && Files.isRegularFile(Path.of(jar))) {
      command.addAll(List.of("-jar", jar));
    } else {
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("PRICE_ENGINE_"));
    env.put("PRICE_ENGINE_HTTP_HOST", "127.0.0.1");
    env.put("PRICE_ENGINE_HTTP_PORT", "0");
    env.put("PRICE_ENGINE_CLUSTER_HOST", "127.0.0.1");
    env.put("PRICE_ENGINE_CLUSTER_PORT", "0");
    env.put("PRICE_ENGINE_INGEST_TOKEN", TestEngine.INGEST_TOKEN);
    env.put("PRICE_ENGINE_ADMIN_TOKEN", TestEngine.ADMIN_TOKEN);
    env.putAll(environment);
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      NodeProcess node = new NodeProcess(name, builder.start(), log);
      node.pumpOutput();
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Copies the output to the log file and picks the ports the node announces. */
  private void pumpOutput() {
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader output =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                  file.println(line);
                  Matcher listening = LISTENING.matcher(line);
                  if (listening.find()) {
                    ports.complete(
                        new int[] {
                          Integer.parseInt(listening.group(1)), Integer.parseInt(listening.group(2))
                        });
                  }
                  Matcher database = DATABASE.matcher(line);
                  if (database.find()) {
                    databasePort.complete(Integer.parseInt(database.group(1)));
                  }
                }
              } catch (IOException e) {
                // the process is gone; what it wrote so far is in the file
              } finally {
                IllegalStateException exited =
                    new IllegalStateException(name + " exited; see " + log);
                ports.completeExceptionally(exited);
                databasePort.completeExceptionally(exited);
              }
            },
            name + "-output");
    pump.setDaemon(true);
    pump.start();
  }

  /** Waits until the node serves HTTP (not yet: ready). */
  public NodeProcess awaitListening() {
    int[] p = ports.orTimeout(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    api = new ApiClient("http://127.0.0.1:" + p[0]);
    return this;
  }

  /** The port of the embedded PostgreSQL this node started. */
  public int awaitDatabasePort() {
    return databasePort.orTimeout(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
  }

  public NodeProcess awaitReady() {
    awaitListening();
    api.awaitReady(START_TIMEOUT);
    return this;
  }

  public String name() {
    return name;
  }

  public ApiClient api() {
    return api;
  }

  /** {@code host:port} of the node's cluster endpoint, as the admin view shows members. */
  public String clusterAddress() {
    return "127.0.0.1:" + ports.join()[1];
  }

  /** GET /api/v1/admin/cluster, or null when the node does not answer it right now. */
  public JsonNode view() {
    try {
      ApiClient.Response response = api.get("/api/v1/admin/cluster", TestEngine.ADMIN_TOKEN);
      return response.status() == 200 ? response.json() : null;
    } catch (IllegalStateException e) {
      return null;
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGKILL: no shutdown at all, as a crash. Sent through the process handle: {@link
   * Process#destroyForcibly()} would also close our end of its output pipe.
   */
  public void kill() {
    process.toHandle().destroyForcibly();
  }

  /**
   * SIGTERM: Akka's coordinated shutdown runs. Through the process handle, because {@link
   * Process#destroy()} closes the output pipe at once, and the node's log of its own shutdown would
   * be lost.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** Waits for the process to end; its exit code, or -1 if it still runs. */
  public int awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The node's output so far. */
  public List<String> logLines() {
    try {
      return Files.readAllLines(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path log() {
    return log;
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
