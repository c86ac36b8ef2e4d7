package io.priceengine.http;

import static io.priceengine.persistence.db.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Fault tests 6 and 7 (docs/reliability.md): a client that retries with the same {@code tickId}s
 * after 503 {@code unavailable} ends with exactly one history row per tick id; a node with too many
 * ticks in flight refuses a request at once with 503 {@code overloaded} and persists nothing of it.
 */
class RetriesAndOverloadTest {
  private static final String TICKS = "/api/v1/market-data/ticks";

  /** {@code {"ticks":[…]}} for {@code symbol}, tick ids {@code prefix-price}, one per price. */
  private static String batch(String symbol, String prefix, List<Integer> prices) {
    return prices.stream()
        .map(
            p ->
                "{\"symbol\":\""
                    + symbol
                    + "\",\"price\":"
                    + p
                    + ",\"tickId\":\""
                    + prefix
                    + "-"
                    + p
                    + "\"}")
        .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
  }

  private static List<Integer> range(int from, int count) {
    return IntStream.range(from, from + count).boxed().toList();
  }

  /** Per price of {@code symbol}: how many history rows hold it. */
  private static Map<Integer, Long> historyRowsPerPrice(String jdbcUrl, String symbol) {
    return rows(
            jdbcUrl,
            "SELECT trim_scale(price) FROM realtime_price_history WHERE symbol = ?",
            symbol)
        .stream()
        .collect(Collectors.groupingBy(Integer::valueOf, Collectors.counting()));
  }

  private static void awaitProjected(ApiClient api, String symbol, long historyId) {
    Polling.await(
        Duration.ofSeconds(60),
        () ->
            api.projectionLagMillis() == 0
                && api.get("/api/v1/market-data/prices/" + symbol).json().path("historyId").asLong()
                    == historyId,
        done -> done);
  }

  @Test
  void aClientRetryingWithTheSameTickIdsAfterUnavailableGetsOneHistoryRowPerTickId() {
    try (TestEngine engine =
        TestEngine.start("tick_id_retry", Map.of("price-engine.symbol.ask-timeout", "2s"))) {
      ApiClient api = engine.client();
      JournalFaults journal = new JournalFaults(engine.jdbcUrl());
      String body = batch("RETRY", "r", range(1, 10));

      // the write outlasts the ask timeout: 503 unavailable, yet the ticks are persisted later
      journal.slowInserts(3);
      ApiClient.Response first = api.post(TICKS, TestEngine.INGEST_TOKEN, body);
      assertEquals(503, first.status(), first.body());
      assertEquals("unavailable", first.errorCode());

      // the client retries the same ticks: acknowledged with the ids of the first delivery
      journal.clear();
      ApiClient.Response retried =
          Polling.await(
              Duration.ofSeconds(30),
              () -> api.post(TICKS, TestEngine.INGEST_TOKEN, body),
              r -> r.status() == 200);
      assertEquals(10, retried.json().get("accepted").asInt(), retried.body());
      ApiClient.Response again = api.post(TICKS, TestEngine.INGEST_TOKEN, body);
      assertEquals(10, again.json().get("accepted").asInt(), again.body());

      awaitProjected(api, "RETRY", 10);
      Map<Integer, Long> rowsPerPrice = historyRowsPerPrice(engine.jdbcUrl(), "RETRY");
      assertEquals(
          range(1, 10).stream().collect(Collectors.toMap(p -> p, p -> 1L)),
          rowsPerPrice,
          "one history row per tick id");
    }
  }

  @Test
  void anOverloadedNodeRefusesAtOnceAndPersistsNothingOfTheRefusedRequest() {
    try (TestEngine engine =
        TestEngine.start("overloaded", Map.of("price-engine.ingest.max-ticks-in-flight", "20"))) {
      ApiClient api = engine.client();
      JournalFaults journal = new JournalFaults(engine.jdbcUrl());
      journal.slowInserts(3);

      // 20 ticks in flight (each write takes 3 s) fill the node's bound
      CompletableFuture<ApiClient.Response> inFlight =
          CompletableFuture.supplyAsync(
              () -> api.post(TICKS, TestEngine.INGEST_TOKEN, batch("BUSY", "b", range(1, 20))));
      Polling.await(
          Duration.ofSeconds(30),
          () -> api.get("/metrics").body(),
          metrics -> metrics.contains("price_engine_ingest_ticks_in_flight 20"));
      List<Integer> refusedPrices = range(1, 5);
      long sent = System.nanoTime();
      ApiClient.Response refused =
          api.post(TICKS, TestEngine.INGEST_TOKEN, batch("EXTRA", "e", refusedPrices));
      long tookMillis = (System.nanoTime() - sent) / 1_000_000;
      assertEquals("overloaded", refused.errorCode(), refused.body());
      // refused without touching the journal, whose every write takes 3 s
      assertTrue(tookMillis < 2_500, "refusal took " + tookMillis + " ms");
      assertEquals(503, refused.status());
      assertEquals("1", refused.header("Retry-After").orElse(null));

      journal.clear();
      assertEquals(20, inFlight.join().json().get("accepted").asInt());
      // the refused ticks were not persisted: sent again, they are new and take new history ids
      ApiClient.Response resent =
          api.post(TICKS, TestEngine.INGEST_TOKEN, batch("EXTRA", "e", refusedPrices));
      assertEquals(5, resent.json().get("accepted").asInt(), resent.body());
      assertEquals(5, api.get("/api/v1/market-data/prices/EXTRA").json().get("historyId").asLong());
      awaitProjected(api, "EXTRA", 5);
      assertEquals(
          refusedPrices.stream().collect(Collectors.toMap(p -> p, p -> 1L)),
          historyRowsPerPrice(engine.jdbcUrl(), "EXTRA"),
          "the refused ticks are in the history once: from the resend");
      assertTrue(api.get("/metrics").body().contains("price_engine_ingest_overloaded_total 1.0"));
    }
  }
}
