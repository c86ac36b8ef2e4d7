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

  /** Rounds whose outcome is unknown: no answer, a 503, or ticks reported unavailable. */
  private final Set<Integer> unanswered = ConcurrentHashMap.newKeySet();

  /** What a fault test reports: ticks acknowledged, and of those lost; ticks persisted twice. */
  record Figures(long acknowledged, long lost, long duplicated) {
    @Override
    public String toString() {
      return acknowledged + " acknowledged, " + lost + " lost, " + duplicated + " duplicated";
    }
  }

  private final boolean tickIds;

  AcknowledgedTicks(String prefix, int symbols) {
    this(prefix, symbols, false);
  }

  /** With {@code tickIds}, each tick carries the id {@code SYMBOL-round}, so it can be resent. */
  AcknowledgedTicks(String prefix, int symbols, boolean tickIds) {
    this.symbols = IntStream.range(0, symbols).mapToObj(i -> prefix + i).toList();
    this.tickIds = tickIds;
  }

  /**
   * Posts the next round; a failed request (engine or database away) acknowledges nothing. The
   * response, or null when none came.
   */
  ApiClient.Response pushRound(ApiClient api) {
    return push(api, round.incrementAndGet());
  }

  /**
   * Sends every round whose outcome is unknown again, oldest first, with the same tick ids, and the
   * last acknowledged round too: the engine must record each tick once. Rounds that are now
   * acknowledged leave the unknown ones. Returns how many rounds were sent.
   */
  int resendUnansweredAndLastRound(ApiClient api) {
    if (!tickIds) {
      throw new IllegalStateException("resending needs tick ids");
    }
    List<Integer> again = unanswered.stream().sorted().collect(Collectors.toList());
    int lastAcknowledged =
        acknowledged.values().stream()
            .flatMap(Set::stream)
            .filter(r -> !unanswered.contains(r))
            .max(Integer::compare)
            .orElse(0);
    if (lastAcknowledged > 0) {
      again.add(0, lastAcknowledged);
    }
    for (int r : again) {
      unanswered.remove(r);
      push(api, r);
    }
    return again.size();
  }

  private ApiClient.Response push(ApiClient api, int r) {
    String body =
        symbols.stream()
            .map(
                s ->
                    "{\"symbol\":\""
                        + s
                        + "\",\"price\":"
                        + r
                        + (tickIds ? ",\"tickId\":\"" + s + "-" + r + "\"" : "")
                        + "}")
            .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
    ApiClient.Response response;
    try {
      response = api.post("/api/v1/market-data/ticks", TestEngine.INGEST_TOKEN, body);
    } catch (IllegalStateException e) {
      unanswered.add(r);
      return null; // no answer: nothing acknowledged
    }
    if (response.status() != 200) {
      unanswered.add(r);
      return response;
    }
    Set<Integer> rejected = new HashSet<>();
    for (JsonNode rejection : response.json().get("rejected")) {
      rejected.add(rejection.get("index").asInt());
      if (rejection.get("code").asText().equals("unavailable")) {
        unanswered.add(r);
      }
    }
    for (int i = 0; i < symbols.size(); i++) {
      if (!rejected.contains(i)) {
        acknowledged.computeIfAbsent(symbols.get(i), s -> ConcurrentHashMap.newKeySet()).add(r);
      }
    }
    return response;
  }

  /** Requests sent so far. */
  int rounds() {
    return round.get();
  }

  long acknowledgedCount() {
    return acknowledged.values().stream().mapToLong(Set::size).sum();
  }

  /** Acknowledged ticks missing from the history table, and ticks in it more than once. */
  Figures figures(String jdbcUrl) {
    long lost = 0;
    long duplicated = 0;
    for (String symbol : symbols) {
      Set<Integer> inHistory = historyPrices(jdbcUrl, symbol);
      lost +=
          acknowledged.getOrDefault(symbol, Set.of()).stream()
              .filter(r -> !inHistory.contains(r))
              .count();
      duplicated +=
          Long.parseLong(
              rows(
                      jdbcUrl,
                      "SELECT count(*) - count(DISTINCT price) FROM realtime_price_history"
                          + " WHERE symbol = ?",
                      symbol)
                  .get(0));
    }
    return new Figures(acknowledgedCount(), lost, duplicated);
  }

  /**
   * Each symbol's journal holds events 1..m once each, m at most its live quote's history id, and
   * that quote is the last acknowledged tick — or a later one whose answer never came (sent when
   * the engine died: it may have been persisted).
   */
  void assertJournalAndQuotes(String jdbcUrl, ApiClient api) {
    for (String symbol : symbols) {
      JsonNode quote = api.get("/api/v1/market-data/prices/" + symbol).json();
      long n = quote.get("historyId").asLong();
      List<String> journal =
          rows(
              jdbcUrl,
              "SELECT count(*), count(DISTINCT sequence_number), max(sequence_number)"
                  + " FROM journal WHERE persistence_id = ?",
              "Symbol|" + symbol);
      // group commit: an event may hold several ticks, so m <= n events, numbered 1..m
      long m = Long.parseLong(journal.get(0).split(" ")[0]);
      assertTrue(m >= 1 && m <= n, symbol + " journal " + journal + ", history id " + n);
      assertEquals(List.of(m + " " + m + " " + m), journal, symbol + " journal");
      int price = quote.get("price").intValue();
      int lastAcknowledged =
          acknowledged.getOrDefault(symbol, Set.of()).stream().max(Integer::compare).orElse(0);
      assertTrue(
          price == lastAcknowledged || (price > lastAcknowledged && unanswered.contains(price)),
          symbol + " quote " + price + ", last acknowledged " + lastAcknowledged);
    }
  }

  private static Set<Integer> historyPrices(String jdbcUrl, String symbol) {
    return rows(
            jdbcUrl,
            "SELECT trim_scale(price) FROM realtime_price_history WHERE symbol = ?",
            symbol)
        .stream()
        .map(Integer::valueOf)
        .collect(Collectors.toSet());
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
      Set<Integer> inHistory = historyPrices(jdbcUrl, symbol);
      Set<Integer> acked = acknowledged.getOrDefault(symbol, Set.of());
      assertTrue(inHistory.containsAll(acked), symbol + " lost acknowledged ticks");
      assertEquals(
          List.of(String.valueOf(n)),
          rows(jdbcUrl, "SELECT latest_history_id FROM realtime_symbols WHERE symbol = ?", symbol));
    }
  }
}
