package io.priceengine.http;

import static io.priceengine.persistence.db.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Push load for durability tests: rounds of one tick per symbol, each tick's price unique within
 * its symbol (the round number), remembering which ticks the engine acknowledged. Afterwards it
 * checks the history table against the engine: every journal event once, every acknowledged tick
 * among them.
 */
final class AcknowledgedTicks {
  private final List<String> symbols;
  private final AtomicInteger round = new AtomicInteger();
  private final Map<String, Set<Integer>> acknowledged = new ConcurrentHashMap<>();

  AcknowledgedTicks(String prefix, int symbols) {
    this.symbols = IntStream.range(0, symbols).mapToObj(i -> prefix + i).toList();
  }

  /** Posts the next round; a failed request (engine or database away) acknowledges nothing. */
  void pushRound(ApiClient api) {
    int r = round.incrementAndGet();
    String body =
        symbols.stream()
            .map(s -> "{\"symbol\":\"" + s + "\",\"price\":" + r + "}")
            .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
    ApiClient.Response response;
    try {
      response = api.post("/api/v1/market-data/ticks", TestEngine.INGEST_TOKEN, body);
    } catch (IllegalStateException e) {
      return; // no answer: nothing acknowledged
    }
    if (response.status() != 200) {
      return;
    }
    Set<Integer> rejected = new HashSet<>();
    for (JsonNode rejection : response.json().get("rejected")) {
      rejected.add(rejection.get("index").asInt());
    }
    for (int i = 0; i < symbols.size(); i++) {
      if (!rejected.contains(i)) {
        acknowledged.computeIfAbsent(symbols.get(i), s -> ConcurrentHashMap.newKeySet()).add(r);
      }
    }
  }

  long acknowledgedCount() {
    return acknowledged.values().stream().mapToLong(Set::size).sum();
  }

  /**
   * For each symbol: history ids 1..n once each, n being the live quote's history id, prices all
   * different (no tick twice), every acknowledged price present, master row at n.
   */
  void assertProjectedExactlyOnce(String jdbcUrl, ApiClient api) {
    for (String symbol : symbols) {
      long n = api.get("/api/v1/market-data/prices/" + symbol).json().get("historyId").asLong();
      assertEquals(
          List.of(n + " " + n + " 1 " + n + " " + n),
          rows(
              jdbcUrl,
              "SELECT count(*), count(DISTINCT history_id), min(history_id), max(history_id),"
                  + " count(DISTINCT price) FROM realtime_price_history WHERE symbol = ?",
              symbol),
          symbol);
      Set<Integer> inHistory =
          rows(
                  jdbcUrl,
                  "SELECT trim_scale(price) FROM realtime_price_history WHERE symbol = ?",
                  symbol)
              .stream()
              .map(Integer::valueOf)
              .collect(Collectors.toSet());
      Set<Integer> acked = acknowledged.getOrDefault(symbol, Set.of());
      assertTrue(inHistory.containsAll(acked), symbol + " lost acknowledged ticks");
      assertEquals(
          List.of(String.valueOf(n)),
          rows(jdbcUrl, "SELECT latest_history_id FROM realtime_symbols WHERE symbol = ?", symbol));
    }
  }
}
