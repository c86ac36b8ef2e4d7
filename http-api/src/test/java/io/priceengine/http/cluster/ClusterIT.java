package io.priceengine.http.cluster;

import static io.priceengine.persistence.db.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.sharding.typed.HashCodeMessageExtractor;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.priceengine.http.ApiClient;
import io.priceengine.http.NodeProcess;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real cluster on loopback, each node a JVM of its own started from the application jar, all on
 * the embedded PostgreSQL of the first node (docs/cluster.md). The scenarios share one cluster,
 * because starting one costs a minute or more on a loaded two-core machine, and run in order: three
 * nodes serve every symbol and subscriber; one is killed under load; a fourth joins; one leaves on
 * SIGTERM. Each scenario checks its own starting conditions.
 *
 * <p>Timing-related settings for this machine: the failure detector tolerates 8 s without
 * heartbeats (builds of other projects run beside the test and starve JVMs for seconds; with Akka's
 * 3 s, healthy nodes were downed), and asks wait up to 15 s. The failover figures printed (and
 * appended to target/cluster-it/figures.txt) include the 8 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final Duration WAIT = Duration.ofSeconds(180);

  /** -Dcluster-it.heartbeat-pause=3s measures the failover with Akka's default instead. */
  private static final String HEARTBEAT_PAUSE =
      System.getProperty("cluster-it.heartbeat-pause", "8s");

  /**
   * -Dcluster-it.stable-after=3s measures the failover with a shorter Split Brain Resolver wait.
   */
  private static final String STABLE_AFTER = System.getProperty("cluster-it.stable-after", "7s");

  /**
   * -Dcluster-it.removal-margin=1s measures the failover with a removal margin shorter than
   * stable-after (Akka's akka.cluster.down-removal-margin; by default it follows stable-after).
   */
  private static final String REMOVAL_MARGIN = System.getProperty("cluster-it.removal-margin");

  private static final Path WORK_DIR = Path.of("target", "cluster-it");
  private static final List<String> SYMBOLS =
      IntStream.range(0, 30).mapToObj(i -> "CLU" + i).toList();
  private static final HashCodeMessageExtractor<Object> SHARDS =
      new HashCodeMessageExtractor<>(
          ConfigFactory.load().getInt("akka.cluster.sharding.number-of-shards"));

  private static LocalCluster cluster;
  private static NodeProcess node1;
  private static NodeProcess node2;
  private static NodeProcess node3;
  private static NodeProcess node4;
  private static final AtomicInteger roundNumbers = new AtomicInteger();
  private static final Map<String, Set<Integer>> acknowledged = TickLoad.newAcknowledged();
  private static final Instant started = Instant.now();

  private static Map<String, String> nodeEnvironment() {
    Map<String, String> env = new java.util.HashMap<>();
    // one provider, to see it run once per cluster; its symbols are not the test's
    env.put("PRICE_ENGINE_PROVIDERS", "replay");
    env.put("PRICE_ENGINE_CLUSTER_HEARTBEAT_PAUSE", HEARTBEAT_PAUSE);
    env.put("PRICE_ENGINE_CLUSTER_STABLE_AFTER", STABLE_AFTER);
    env.put("PRICE_ENGINE_ASK_TIMEOUT", "15s");
    if (REMOVAL_MARGIN != null) {
      env.put("JAVA_TOOL_OPTIONS", "-Dakka.cluster.down-removal-margin=" + REMOVAL_MARGIN);
    }
    return env;
  }

  @BeforeAll
  static void startThreeNodes() {
    cluster = LocalCluster.create(WORK_DIR, nodeEnvironment());
    node1 = cluster.startFirst("node1");
    node2 = cluster.start("node2", List.of(node1));
    node3 = cluster.start("node3", List.of(node1));
    for (NodeProcess node : List.of(node1, node2, node3)) {
      node.awaitReady();
    }
    awaitMembersUp(List.of(node1, node2, node3));
    figure(
        "3 nodes up and ready after "
            + secondsSince(started)
            + " s (heartbeat pause "
            + HEARTBEAT_PAUSE
            + ", SBR stable-after "
            + STABLE_AFTER
            + ")");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void everyNodeAnswersEveryQuoteAndSubscribersGetUpdatesOfOtherNodesSymbols() {
    awaitMembersUp(List.of(node1, node2, node3));
    pushUntilEveryTickAccepted(node2.api(), SYMBOLS);
    Map<String, String> quotes = quotesOn(node1);
    for (NodeProcess node : List.of(node2, node3)) {
      assertEquals(quotes, quotesOn(node), "quotes differ between node1 and " + node.name());
    }

    String onNode1 =
        SYMBOLS.stream()
            .filter(s -> owner(s, List.of(node1, node2, node3)) == node1)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no test symbol on node1: " + node1.view()));
    try (QuoteWatch watch = new QuoteWatch("node3", node3.api().baseUrl(), List.of(onNode1))) {
      // The topic instances find each other through the receptionist: push until one arrives.
      Polling.await(
          WAIT,
          () -> {
            pushUntilEveryTickAccepted(node2.api(), List.of(onNode1));
            assertTrue(watch.updates(onNode1) > 0, "no update of " + onNode1 + " on node3 yet");
          });
      for (int i = 0; i < 5; i++) {
        pushUntilEveryTickAccepted(node2.api(), List.of(onNode1));
      }
      long latest = historyId(node1, onNode1);
      Polling.await(
          WAIT, () -> assertEquals(latest, watch.last().get(onNode1), "node3 missed updates"));
      assertEquals(List.of(), watch.violations());
    }
    assertEquals(node1, owner(onNode1, List.of(node1, node2, node3)), onNode1 + " moved");
  }

  @Test
  @Order(2)
  void providersRunOncePerClusterAndProjectionSlicesSpreadOverTheNodes() {
    List<NodeProcess> nodes = List.of(node1, node2, node3);
    Polling.await(
        WAIT,
        () -> {
          Map<String, List<String>> slices = new HashMap<>();
          int providerNodes = 0;
          for (NodeProcess node : nodes) {
            JsonNode view = node.view();
            assertNotNull(view, node.name() + " has no view");
            providerNodes += view.path("providersHere").asBoolean() ? 1 : 0;
            for (JsonNode slice : view.path("projectionSlices")) {
              slices.computeIfAbsent(slice.asText(), s -> new ArrayList<>()).add(node.name());
            }
          }
          assertEquals(1, providerNodes, "nodes running the providers");
          assertEquals(4, slices.size(), "projection slices running: " + slices);
          slices.forEach((slice, on) -> assertEquals(1, on.size(), slice + " runs on " + on));
          Set<String> hosting = new HashSet<>();
          slices.values().forEach(hosting::addAll);
          assertEquals(3, hosting.size(), "nodes running projection slices: " + slices);
        });
    // every node reports the provider as the node running it sees it
    for (NodeProcess node : nodes) {
      JsonNode replay = provider(node, "replay");
      assertEquals("up", replay.path("status").asText(), node.name() + ": " + replay);
    }
  }

  @Test
  @Order(3)
  void killedNodesSymbolsAndProjectionSlicesMoveToTheSurvivorsWithoutLosingAcknowledgedTicks()
      throws Exception {
    List<NodeProcess> all = List.of(node1, node2, node3);
    awaitMembersUp(all);
    List<String> onVictim = SYMBOLS.stream().filter(s -> owner(s, all) == node2).toList();
    assertFalse(onVictim.isEmpty(), "no test symbol on node2: " + node2.view());
    assertFalse(node2.view().path("projectionSlices").isEmpty(), "no projection slice on node2");

    List<NodeProcess> survivors = List.of(node1, node3);
    AtomicReference<Instant> unreachableAt = new AtomicReference<>();
    AtomicReference<Instant> removedAt = new AtomicReference<>();
    Instant killedAt;
    try (QuoteWatch watch1 = new QuoteWatch("node1", node1.api().baseUrl(), SYMBOLS);
        QuoteWatch watch3 = new QuoteWatch("node3", node3.api().baseUrl(), SYMBOLS);
        TickLoad load1 = load("node1", node1, SYMBOLS, false);
        TickLoad load3 = load("node3", node3, SYMBOLS, false);
        FailoverProbe probe =
            new FailoverProbe(node1.api().baseUrl(), onVictim, Duration.ofMillis(500))) {
      awaitRounds(List.of(load1, load3), 10);
      killedAt = Instant.now();
      node2.kill();
      assertTrue(node2.awaitExit(Duration.ofSeconds(30)) != -1, "node2 still runs");

      Polling.await(
          WAIT,
          () -> {
            JsonNode view = node1.view();
            assertNotNull(view);
            JsonNode member = member(view, node2.clusterAddress());
            if (member != null && !member.path("reachable").asBoolean()) {
              unreachableAt.compareAndSet(null, Instant.now());
            }
            if (member == null) {
              removedAt.compareAndSet(null, Instant.now());
            }
            assertTrue(member == null, "node2 still a member: " + member);
          });
      Polling.await(WAIT, () -> assertTrue(probe.firstCompleteAfter(killedAt).isPresent()));
      Polling.await(
          WAIT,
          () -> assertTrue(firstCompleteRound(List.of(load1, load3), onVictim, killedAt) != null));
      awaitSlicesOn(survivors);
      Instant slicesAt = Instant.now();
      // keep the load on a while after the failover, so that moved symbols get new ticks
      int after = roundNumbers.get();
      Polling.await(WAIT, () -> assertTrue(roundNumbers.get() >= after + 20));

      FailoverProbe.Read firstRead = probe.firstCompleteAfter(killedAt).orElseThrow();
      TickLoad.Round firstRound = firstCompleteRound(List.of(load1, load3), onVictim, killedAt);
      figure(
          "SIGKILL of node2 ("
              + onVictim.size()
              + " of "
              + SYMBOLS.size()
              + " test symbols on it, 2 loads of "
              + SYMBOLS.size()
              + " ticks per round every 100 ms, load average "
              + loadAverage()
              + "):");
      figure(
          "  node2 unreachable seen by node1 after <= "
              + millis(killedAt, unreachableAt.get())
              + " ms");
      figure("  node2 removed (downed by SBR) after " + millis(killedAt, removedAt.get()) + " ms");
      figure(
          "  its symbols answer quotes again after "
              + millis(killedAt, firstRead.answered())
              + " ms"
              + " (first complete read sent after the kill; "
              + probe.failedAfter(killedAt)
              + " reads failed before)");
      figure(
          "  its symbols accept ticks again after "
              + millis(killedAt, firstRound.answered())
              + " ms");
      figure(
          "  all projection slices run on the survivors after <= "
              + millis(killedAt, slicesAt)
              + " ms");

      // after the load: every subscriber of a survivor has every symbol's latest update
      load1.close();
      load3.close();
      Map<String, Long> latest = historyIds(node1, SYMBOLS);
      for (QuoteWatch watch : List.of(watch1, watch3)) {
        Polling.await(WAIT, () -> assertEquals(latest, watch.last()));
        assertEquals(List.of(), watch.violations());
        assertTrue(watch.isOpen());
      }
      for (String symbol : onVictim) {
        assertTrue(watch3.updates(symbol) > 0 && watch1.updates(symbol) > 0, symbol);
      }
    }
    assertEquals(historyIds(node1, SYMBOLS), historyIds(node3, SYMBOLS));
    assertProjectedExactlyOnce(node1, SYMBOLS);
  }

  @Test
  @Order(4)
  void joiningNodeTakesItsShareOfTheSymbols() {
    awaitMembersUp(List.of(node1, node3));
    Instant joining = Instant.now();
    node4 = cluster.start("node4", List.of(node1, node3));
    node4.awaitReady();
    awaitMembersUp(List.of(node1, node3, node4));
    Instant up = Instant.now();
    Polling.await(
        WAIT, () -> assertTrue(node4.view().path("shards").size() > 0, "no shard on node4 yet"));
    figure(
        "node4 joined: ready after "
            + millis(joining, up)
            + " ms, first symbol shards rebalanced to it "
            + millis(up, Instant.now())
            + " ms after it was up");
  }

  @Test
  @Order(5)
  void terminatedNodeLeavesGracefullyWhileOtherNodesServeEveryRequest() {
    List<NodeProcess> all = List.of(node1, node3, node4);
    awaitMembersUp(all);
    List<String> onLeaver = SYMBOLS.stream().filter(s -> owner(s, all) == node3).toList();
    assertFalse(onLeaver.isEmpty(), "no test symbol on node3: " + node3.view());
    // One load per symbol half, so that no two requests race for a symbol (no stale ticks).
    List<String> firstHalf = SYMBOLS.subList(0, SYMBOLS.size() / 2);
    List<String> secondHalf = SYMBOLS.subList(SYMBOLS.size() / 2, SYMBOLS.size());
    AtomicReference<String> unreachable = new AtomicReference<>();
    Instant terminatedAt;
    int exitCode;
    List<String> errors = new ArrayList<>();
    try (TickLoad load1 = load("node1", node1, firstHalf, true);
        TickLoad load4 = load("node4", node4, secondHalf, true)) {
      awaitRounds(List.of(load1, load4), 10);
      terminatedAt = Instant.now();
      node3.terminate();
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(() -> node3.awaitExit(Duration.ofSeconds(120)));
      Polling.await(
          WAIT,
          () -> {
            for (NodeProcess node : List.of(node1, node4)) {
              JsonNode member = member(node.view(), node3.clusterAddress());
              if (member != null && !member.path("reachable").asBoolean()) {
                unreachable.set(node.name() + " saw node3 unreachable: " + member);
              }
              assertTrue(member == null, "node3 still a member: " + member);
            }
          });
      exitCode = exit.join();
      figure(
          "SIGTERM of node3 ("
              + onLeaver.size()
              + " test symbols on it): left the cluster after "
              + millis(terminatedAt, Instant.now())
              + " ms, exit code "
              + exitCode);
      int after = roundNumbers.get();
      Polling.await(WAIT, () -> assertTrue(roundNumbers.get() >= after + 20));
      load1.close();
      load4.close();
      errors.addAll(load1.errors());
      errors.addAll(load4.errors());
    }
    assertEquals(List.of(), errors, "requests to node1 and node4 failed while node3 left");
    assertEquals(null, unreachable.get(), "node3 was not removed gracefully");
    assertTrue(exitCode == 0 || exitCode == 143, "node3 exit code " + exitCode);
    assertShutdownOrder(node3.logLines());
    Map<String, Long> ids = historyIds(node1, SYMBOLS);
    assertEquals(ids, historyIds(node4, SYMBOLS));
    assertProjectedExactlyOnce(node1, SYMBOLS);
  }

  // --- cluster views ----------------------------------------------------------------------

  /** Every node of {@code up} sees exactly these nodes, all Up and reachable. */
  private static void awaitMembersUp(List<NodeProcess> up) {
    Set<String> expected = new HashSet<>();
    up.forEach(node -> expected.add(node.clusterAddress() + " up true"));
    Polling.await(
        WAIT,
        () -> {
          for (NodeProcess node : up) {
            JsonNode view = node.view();
            assertNotNull(view, node.name() + " has no cluster view");
            Set<String> members = new HashSet<>();
            for (JsonNode m : view.path("members")) {
              members.add(
                  m.path("address").asText()
                      + " "
                      + m.path("status").asText()
                      + " "
                      + m.path("reachable").asBoolean());
            }
            assertEquals(expected, members, node.name() + "'s members");
          }
        });
  }

  private static JsonNode member(JsonNode view, String address) {
    assertNotNull(view, "no cluster view");
    return StreamSupport.stream(view.path("members").spliterator(), false)
        .filter(m -> m.path("address").asText().equals(address))
        .findFirst()
        .orElse(null);
  }

  /** The node whose shards include {@code symbol}'s, or null. */
  private static NodeProcess owner(String symbol, List<NodeProcess> nodes) {
    String shard = SHARDS.shardId(symbol);
    for (NodeProcess node : nodes) {
      JsonNode view = node.view();
      assertNotNull(view, node.name() + " has no cluster view");
      for (JsonNode s : view.path("shards")) {
        if (s.asText().equals(shard)) {
          return node;
        }
      }
    }
    return null;
  }

  /** All projection slices run, each once, on {@code nodes} only. */
  private static void awaitSlicesOn(List<NodeProcess> nodes) {
    Polling.await(
        WAIT,
        () -> {
          List<String> slices = new ArrayList<>();
          for (NodeProcess node : nodes) {
            node.view().path("projectionSlices").forEach(s -> slices.add(s.asText()));
          }
          assertEquals(4, slices.size(), "slices on the survivors: " + slices);
          assertEquals(4, new HashSet<>(slices).size(), "a slice runs twice: " + slices);
        });
  }

  private static JsonNode provider(NodeProcess node, String code) {
    JsonNode providers = node.api().get("/api/v1/providers").json().path("providers");
    return StreamSupport.stream(providers.spliterator(), false)
        .filter(p -> p.path("code").asText().equals(code))
        .findFirst()
        .orElseThrow();
  }

  // --- load ---------------------------------------------------------------------------------

  private static TickLoad load(
      String name, NodeProcess node, List<String> symbols, boolean readBack) {
    return new TickLoad(
        name, node.api(), symbols, roundNumbers, acknowledged, Duration.ofMillis(100), readBack);
  }

  private static void awaitRounds(List<TickLoad> loads, int rounds) {
    Polling.await(
        WAIT,
        () -> loads.forEach(load -> assertTrue(load.rounds().size() >= rounds, "load warming up")));
  }

  /**
   * The first round sent after {@code since} in which every one of {@code symbols} was accepted.
   */
  private static TickLoad.Round firstCompleteRound(
      List<TickLoad> loads, List<String> symbols, Instant since) {
    return loads.stream()
        .flatMap(load -> load.rounds().stream())
        .filter(r -> r.sent().isAfter(since) && r.accepted().containsAll(symbols))
        .min((a, b) -> a.answered().compareTo(b.answered()))
        .orElse(null);
  }

  /** Posts one tick per symbol until each has been accepted once (a loaded node may time out). */
  private static void pushUntilEveryTickAccepted(ApiClient api, List<String> symbols) {
    Set<String> pending = new HashSet<>(symbols);
    Polling.await(
        WAIT,
        () -> {
          int number = roundNumbers.incrementAndGet();
          pending.removeAll(
              TickLoad.push(api, List.copyOf(pending), number, acknowledged).accepted());
          assertTrue(pending.isEmpty(), "not accepted yet: " + pending);
        });
  }

  // --- reads ----------------------------------------------------------------------------------

  /** symbol → "price historyId" as the node answers them. */
  private static Map<String, String> quotesOn(NodeProcess node) {
    ApiClient.Response response =
        node.api().get("/api/v1/market-data/prices?symbols=" + String.join(",", SYMBOLS));
    assertEquals(200, response.status(), node.name() + ": " + response.body());
    Map<String, String> quotes = new LinkedHashMap<>();
    for (JsonNode quote : response.json().path("quotes")) {
      quotes.put(
          quote.path("symbol").asText(),
          quote.path("price").asText() + " " + quote.path("historyId").asLong());
    }
    assertEquals(SYMBOLS.size(), quotes.size(), node.name() + ": " + response.body());
    return quotes;
  }

  private static long historyId(NodeProcess node, String symbol) {
    return historyIds(node, List.of(symbol)).get(symbol);
  }

  private static Map<String, Long> historyIds(NodeProcess node, List<String> symbols) {
    ApiClient.Response response =
        node.api().get("/api/v1/market-data/prices?symbols=" + String.join(",", symbols));
    assertEquals(200, response.status(), node.name() + ": " + response.body());
    Map<String, Long> ids = new HashMap<>();
    for (JsonNode quote : response.json().path("quotes")) {
      ids.put(quote.path("symbol").asText(), quote.path("historyId").asLong());
    }
    assertEquals(symbols.size(), ids.size(), response.body());
    return ids;
  }

  /**
   * Once the projection has caught up, per symbol: journal events 1..m once each, m at most n (the
   * live quote's history id), history rows 1..n once each with n different prices (no tick twice),
   * every acknowledged price among them, and the master row at n.
   */
  private static void assertProjectedExactlyOnce(NodeProcess node, List<String> symbols) {
    String jdbcUrl = cluster.jdbcUrl();
    Polling.await(
        WAIT,
        () ->
            assertEquals(
                0L,
                node.api()
                    .get("/api/v1/admin/metrics", TestEngine.ADMIN_TOKEN)
                    .json()
                    .path("projectionLagMillis")
                    .asLong(-1)));
    Map<String, Long> latest = historyIds(node, symbols);
    for (String symbol : symbols) {
      long n = latest.get(symbol);
      // group commit: an event may hold several ticks, so a symbol has m <= n events, 1..m
      List<String> journal =
          rows(
              jdbcUrl,
              "SELECT count(*), count(DISTINCT sequence_number), min(sequence_number),"
                  + " max(sequence_number) FROM journal WHERE persistence_id = ?",
              "Symbol|" + symbol);
      long m = Long.parseLong(journal.get(0).split(" ")[0]);
      assertTrue(m >= 1 && m <= n, symbol + " journal " + journal + ", history id " + n);
      assertEquals(List.of(m + " " + m + " 1 " + m), journal, symbol + " journal");
      Polling.await(
          WAIT,
          () ->
              assertEquals(
                  List.of(n + " " + n + " 1 " + n + " " + n),
                  rows(
                      jdbcUrl,
                      "SELECT count(*), count(DISTINCT history_id), min(history_id),"
                          + " max(history_id), count(DISTINCT price)"
                          + " FROM realtime_price_history WHERE symbol = ?",
                      symbol),
                  symbol + " history"));
      Set<Integer> inHistory = new HashSet<>();
      rows(jdbcUrl, "SELECT trim_scale(price) FROM realtime_price_history WHERE symbol = ?", symbol)
          .forEach(price -> inHistory.add(Integer.valueOf(price)));
      Set<Integer> acked = acknowledged.getOrDefault(symbol, Set.of());
      Set<Integer> lost = new HashSet<>(acked);
      lost.removeAll(inHistory);
      assertEquals(Set.of(), lost, symbol + ": acknowledged ticks missing from the history");
      assertEquals(
          List.of(String.valueOf(n)),
          rows(jdbcUrl, "SELECT latest_history_id FROM realtime_symbols WHERE symbol = ?", symbol));
    }
  }

  /** HTTP unbound, then the cluster left, then (actor system terminated) the database closed. */
  private static void assertShutdownOrder(List<String> log) {
    int unbound = indexOf(log, "Shutdown: HTTP unbound");
    int exited = indexOf(log, "Exiting completed");
    int closed = indexOf(log, "Shutdown complete: actor system terminated, database closed");
    assertTrue(
        0 <= unbound && unbound < exited && exited < closed,
        "shutdown order: unbound " + unbound + ", exiting " + exited + ", database " + closed);
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  // --- figures ----------------------------------------------------------------------------------

  private static long millis(Instant from, Instant to) {
    return to == null ? -1 : Duration.between(from, to).toMillis();
  }

  private static long secondsSince(Instant from) {
    return Duration.between(from, Instant.now()).toSeconds();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  /** Printed and appended to target/cluster-it/figures.txt, for the report. */
  private static void figure(String line) {
    System.out.println("[cluster figures] " + line);
    try {
      Files.createDirectories(WORK_DIR);
      Files.writeString(
          WORK_DIR.resolve("figures.txt"),
          Instant.now() + " " + line + System.lineSeparator(),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the figure is on stdout anyway
    }
  }
}
