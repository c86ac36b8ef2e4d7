package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.sharding.ShardRegion.CurrentShardRegionState;
import akka.cluster.sharding.typed.ClusterShardingQuery;
import akka.cluster.sharding.typed.GetShardRegionState;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one cluster: a subscriber on node A gets the updates of symbols whose entities
 * Cluster Sharding placed on node B. The symbols are first used after B joined, so that new shards
 * go to both nodes.
 */
class ClusterFanOutTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Symbols the test may create looking for one whose entity runs on node B. */
  private static final int MAX_SYMBOLS = 200;

  private static TestEngine nodeA;
  private static TestEngine nodeB;

  @BeforeAll
  static void start() {
    nodeA = TestEngine.start("stream_cluster");
    int portA = nodeA.engine().system().address().getPort().orElseThrow();
    Database sameDatabase =
        Database.open(new DatabaseSettings(nodeA.jdbcUrl(), "postgres", "", Path.of("unused"), 0));
    nodeB =
        TestEngine.startOn(
            sameDatabase, Map.of("price-engine.cluster.seed-nodes", "127.0.0.1:" + portA));
  }

  @AfterAll
  static void stop() {
    nodeB.close();
    nodeA.close();
  }

  @Test
  void subscriberOnOneNodeGetsUpdatesOfEntitiesOnTheOther() {
    List<String> symbols = symbolsWithEntitiesOnBothNodes();
    URI ws =
        URI.create(
            "ws://127.0.0.1:"
                + nodeA.engine().port()
                + "/api/v1/market-data/ws?symbols="
                + String.join(",", symbols));
    try (WsClient client = WsClient.connect(HttpClient.newHttpClient(), ws)) {
      assertEquals("subscribed", client.next().path("type").asText());
      // until the topic instances have found each other (receptionist gossip), a quote published
      // on B may not reach A: push until every symbol has come through once
      Map<String, Long> seen = new HashMap<>();
      int round = 0;
      while (seen.size() < symbols.size()) {
        Ticks.push(nodeB.client(), symbols, Ticks.price(++round));
        JsonNode quote;
        while ((quote = client.poll(Duration.ofMillis(500))) != null) {
          if (!quote.path("type").asText().equals("quote")) {
            continue; // e.g. "unavailable" when an entity answered late on a loaded machine
          }
          seen.put(
              quote.path("quote").path("symbol").asText(),
              quote.path("quote").path("historyId").asLong());
        }
        assertTrue(round < 60, "no update of some symbols after " + round + " rounds");
      }
      // then every update, in order, whichever node holds the entity
      Map<String, Long> last = Ticks.historyIds(nodeA.client(), symbols);
      Polling.await(WAIT, () -> drainInto(client, seen, last));
      for (int n = 1; n <= 5; n++) {
        Ticks.push(nodeA.client(), symbols, Ticks.price(100 + n));
      }
      Map<String, Long> expected = Ticks.historyIds(nodeB.client(), symbols);
      Polling.await(WAIT, () -> drainInto(client, seen, expected));
    }
  }

  /**
   * Symbols priced through node B, at least one of whose entities runs on B: shards allocated
   * before B's region registered with the coordinator all went to A, so new symbols are added (in
   * new shards, which go to the region with the fewest) until one lands on B.
   */
  private static List<String> symbolsWithEntitiesOnBothNodes() {
    List<String> symbols = new ArrayList<>();
    Polling.await(
        WAIT,
        () -> {
          if (symbols.size() < MAX_SYMBOLS) {
            List<String> batch =
                IntStream.range(symbols.size(), symbols.size() + 20)
                    .mapToObj(i -> "CL" + i)
                    .toList();
            symbols.addAll(batch);
            Ticks.push(nodeB.client(), batch, Ticks.price(1));
          }
          Set<String> onB = entitiesOn(nodeB);
          return symbols.stream().anyMatch(onB::contains);
        },
        someOnB -> someOnB);
    return List.copyOf(symbols);
  }

  /** The symbols whose entities run on {@code node}. */
  private static Set<String> entitiesOn(TestEngine node) {
    ActorSystem<?> system = node.engine().system();
    CurrentShardRegionState state =
        AskPattern.<ClusterShardingQuery, CurrentShardRegionState>ask(
                ClusterSharding.get(system).shardState(),
                replyTo -> new GetShardRegionState(SymbolEntity.ENTITY_KEY, replyTo),
                Duration.ofSeconds(10),
                system.scheduler())
            .toCompletableFuture()
            .join();
    return state.getShards().stream()
        .flatMap(shard -> shard.getEntityIds().stream())
        .collect(Collectors.toSet());
  }

  /** Takes what arrived, checking every update follows the previous one; done at {@code last}. */
  private static void drainInto(WsClient client, Map<String, Long> seen, Map<String, Long> last) {
    for (JsonNode quote : client.drain()) {
      if (!quote.path("type").asText().equals("quote")) {
        continue;
      }
      String symbol = quote.path("quote").path("symbol").asText();
      long historyId = quote.path("quote").path("historyId").asLong();
      if (seen.containsKey(symbol) && historyId > seen.get(symbol)) {
        assertEquals(seen.get(symbol) + 1, historyId, "gap or reordering: " + quote);
      }
      seen.merge(symbol, historyId, Math::max);
    }
    assertEquals(last, seen);
  }
}
