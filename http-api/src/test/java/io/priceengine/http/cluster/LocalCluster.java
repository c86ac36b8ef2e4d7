package io.priceengine.http.cluster;

import io.priceengine.http.NodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Price Engine nodes on loopback as scripts/cluster.sh runs them: the first node starts the
 * embedded PostgreSQL, the others use it through {@code PRICE_ENGINE_DB_URL} and join through seed
 * nodes. Closing it (or the JVM exiting) ends every node and makes sure the database server the
 * first node started is stopped, even when that node was killed.
 */
public final class LocalCluster implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path workDir;
  private final Map<String, String> common;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final Thread exitHook;
  private String jdbcUrl;

  private LocalCluster(Path workDir, Map<String, String> common) {
    this.workDir = workDir;
    this.common = Map.copyOf(common);
    // The last resort if the test JVM ends without close(): no node may outlive the build.
    this.exitHook = new Thread(this::killAll, "cluster-test-cleanup");
    Runtime.getRuntime().addShutdownHook(exitHook);
  }

  /** {@code common}: environment of every node (e.g. providers, timeouts). */
  public static LocalCluster create(Path workDir, Map<String, String> common) {
    stopLeftoverDatabase(workDir.resolve("node1-data"));
    deleteTree(workDir.resolve("node1-data").resolve("postgres"));
    return new LocalCluster(workDir, common);
  }

  /** The first node: a new cluster of one, and the embedded database. */
  public synchronized NodeProcess startFirst(String name) {
    if (!nodes.isEmpty()) {
      throw new IllegalStateException("the first node was started already");
    }
    return startDatabaseNode(name);
  }

  /**
   * The first node again, in a new JVM on the same data directory, after it stopped or was killed
   * (its PostgreSQL may still run: the node's start copes with that).
   */
  public synchronized NodeProcess restartFirst(String name) {
    if (nodes.get(0).isAlive()) {
      throw new IllegalStateException(nodes.get(0) + " still runs");
    }
    nodes.remove(0);
    return startDatabaseNode(name);
  }

  private NodeProcess startDatabaseNode(String name) {
    Map<String, String> env = new HashMap<>(common);
    env.put("PRICE_ENGINE_SEED_NODES", "");
    env.put("PRICE_ENGINE_DATA_DIR", workDir.resolve("node1-data").toString());
    env.put("PRICE_ENGINE_EMBEDDED_DB_PORT", "0");
    NodeProcess node = NodeProcess.start(name, env, workDir.resolve("logs"));
    nodes.add(0, node);
    jdbcUrl = "jdbc:postgresql://127.0.0.1:" + node.awaitDatabasePort() + "/price_engine";
    node.awaitListening();
    return node;
  }

  /** Another node on the first node's database, joining through {@code seeds}. */
  synchronized NodeProcess start(String name, List<NodeProcess> seeds) {
    Map<String, String> env = new HashMap<>(common);
    env.put(
        "PRICE_ENGINE_SEED_NODES",
        seeds.stream().map(NodeProcess::clusterAddress).collect(Collectors.joining(",")));
    env.put("PRICE_ENGINE_DB_URL", jdbcUrl);
    env.put("PRICE_ENGINE_DB_USER", "postgres");
    env.put("PRICE_ENGINE_DB_PASSWORD", "");
    NodeProcess node = NodeProcess.start(name, env, workDir.resolve("logs"));
    nodes.add(node);
    return node;
  }

  /** The database of the first node as it runs now (its port changes with each start). */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /**
   * SIGTERM to every node still running, the database's node last (the others need it while they
   * leave), SIGKILL for any that does not stop in time; then the database server is stopped if its
   * node could not do it.
   */
  @Override
  public synchronized void close() {
    List<NodeProcess> others = nodes.stream().skip(1).filter(NodeProcess::isAlive).toList();
    others.forEach(NodeProcess::terminate);
    others.forEach(this::awaitOrKill);
    if (!nodes.isEmpty() && nodes.get(0).isAlive()) {
      nodes.get(0).terminate();
      awaitOrKill(nodes.get(0));
    }
    stopLeftoverDatabase(workDir.resolve("node1-data"));
    try {
      Runtime.getRuntime().removeShutdownHook(exitHook);
    } catch (IllegalStateException shuttingDown) {
      // already running the hooks: nothing left to remove
    }
  }

  private void awaitOrKill(NodeProcess node) {
    if (node.awaitExit(STOP_TIMEOUT) == -1) {
      System.err.println(node + " did not stop within " + STOP_TIMEOUT + "; killing it");
      node.kill();
      node.awaitExit(STOP_TIMEOUT);
    }
  }

  private void killAll() {
    nodes.forEach(NodeProcess::kill);
    nodes.forEach(node -> node.awaitExit(Duration.ofSeconds(10)));
    stopLeftoverDatabase(workDir.resolve("node1-data"));
  }

  /**
   * A first node killed with SIGKILL leaves its PostgreSQL running. Its pid is the first line of
   * {@code postmaster.pid}; a fast shutdown (SIGINT) stops it.
   */
  static void stopLeftoverDatabase(Path dataDir) {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    Optional<ProcessHandle> server;
    try {
      List<String> lines = Files.readAllLines(pidFile);
      server =
          lines.isEmpty()
              ? Optional.empty()
              : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                  .filter(ProcessHandle::isAlive)
                  .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("unreadable " + pidFile, e);
    }
    if (server.isEmpty()) {
      return;
    }
    try {
      System.err.println("stopping PostgreSQL pid " + server.get().pid() + " left by a node");
      new ProcessBuilder("kill", "-INT", Long.toString(server.get().pid())).start().waitFor();
      server.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      server.get().destroyForcibly();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
