package io.priceengine.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import io.priceengine.http.upstream.FakeQuoteServer.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The http-poll provider against a fake REST quote upstream. Ordered: the backoff tests measure
 * gaps between requests of the one configured symbol, so the test that adds symbols runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpPollProviderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long T0 = System.currentTimeMillis() - 60_000;

  private static FakeQuoteServer upstream;
  private static TestEngine engine;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    upstream = new FakeQuoteServer();
    upstream.answer(symbol -> Answer.ok(quote(symbol, "140.5", T0)));
    engine =
        TestEngine.start(
            "http_poll",
            Map.of(
                "price-engine.providers.enabled", "http-poll",
                "price-engine.providers.http-poll.url", upstream.urlTemplate(),
                "price-engine.providers.http-poll.symbols", "IBM",
                "price-engine.providers.http-poll.interval", "100ms",
                "price-engine.providers.http-poll.max-in-flight", 2,
                "price-engine.providers.http-poll.min-backoff", "500ms",
                "price-engine.providers.http-poll.max-backoff", "2s",
                "price-engine.symbol.universe-refresh", "200ms"));
    api = engine.client();
  }

  @AfterAll
  static void stop() {
    engine.close();
    upstream.close();
  }

  static String quote(String symbol, String price, long timestamp) {
    return "{\"symbol\":\""
        + symbol
        + "\",\"price\":"
        + price
        + ",\"timestamp\":"
        + timestamp
        + ",\"volume\":42,\"open\":139,\"high\":141,\"low\":138.5,\"previousClose\":139.9}";
  }

  private static JsonNode awaitQuote(String symbol, String price) {
    return Polling.await(
        WAIT,
        () -> api.get("/api/v1/market-data/prices/" + symbol).json(),
        quote -> quote != null && quote.path("price").asText().equals(price));
  }

  private static JsonNode provider() {
    for (JsonNode provider : api.get("/api/v1/providers").json().get("providers")) {
      if (provider.get("code").asText().equals("http-poll")) {
        return provider;
      }
    }
    throw new AssertionError("no http-poll provider");
  }

  /** Waits until {@code symbol} has been requested {@code more} more times. */
  private static void awaitRequests(String symbol, int more) {
    int seen = upstream.requestCount(symbol);
    Polling.await(WAIT, () -> assertTrue(upstream.requestCount(symbol) >= seen + more));
  }

  @Test
  @Order(1)
  void pollsQuotesAndStoresOnlyNewerOnes() {
    JsonNode first = awaitQuote("IBM", "140.5");
    assertEquals("http-poll", first.get("provider").asText());
    assertEquals("138.5", first.get("low").asText());
    long historyId = first.get("historyId").asLong();

    awaitRequests("IBM", 5);
    assertEquals(
        historyId, api.get("/api/v1/market-data/prices/IBM").json().get("historyId").asLong());

    upstream.answer(symbol -> Answer.ok(quote(symbol, "141.25", T0 + 1000)));
    JsonNode second = awaitQuote("IBM", "141.25");
    assertEquals(historyId + 1, second.get("historyId").asLong());
    Polling.await(WAIT, HttpPollProviderTest::provider, p -> p.get("status").asText().equals("up"));
  }

  @Test
  @Order(2)
  void skipsAndCountsMalformedAnswersAndKeepsPolling() {
    long errorsBefore = provider().get("errors").asLong();
    List<String> garbage =
        List.of(
            "{not json",
            "{\"symbol\":\"IBM\",\"price\":-1,\"timestamp\":1700000000000}",
            "{\"symbol\":\"IBM\",\"price\":\"NaN\",\"timestamp\":1700000000000}",
            "{\"symbol\":\"IBM\",\"price\":142}",
            "{\"symbol\":\"MSFT\",\"price\":142,\"timestamp\":1700000000000}");
    AtomicInteger next = new AtomicInteger();
    upstream.answer(
        symbol -> {
          int i = next.getAndIncrement();
          return Answer.ok(i < garbage.size() ? garbage.get(i) : quote(symbol, "142", T0 + 2000));
        });

    awaitQuote("IBM", "142");
    assertEquals(errorsBefore + garbage.size(), provider().get("errors").asLong());
  }

  @Test
  @Order(3)
  void pausesForRetryAfterOn429() {
    List<Instant> answered = new CopyOnWriteArrayList<>();
    upstream.answer(
        symbol -> {
          answered.add(Instant.now());
          return answered.size() == 1
              ? new Answer(429, "", Map.of("Retry-After", "2"))
              : Answer.ok(quote(symbol, "143", T0 + 3000));
        });

    awaitQuote("IBM", "143");
    // A lower bound only: a loaded machine makes the gap longer, never shorter.
    long gap = Duration.between(answered.get(0), answered.get(1)).toMillis();
    assertTrue(gap >= 1900, "next request " + gap + " ms after the 429 with Retry-After: 2");
  }

  @Test
  @Order(4)
  void backsOffExponentiallyOnServerErrors() {
    List<Instant> answered = new CopyOnWriteArrayList<>();
    upstream.answer(
        symbol -> {
          answered.add(Instant.now());
          return answered.size() <= 3
              ? Answer.status(503)
              : Answer.ok(quote(symbol, "144", T0 + 4000));
        });

    awaitQuote("IBM", "144");
    // min-backoff 500 ms, doubling up to 2 s, at most 20% jitter off: at least 400, 800, 1600 ms.
    long[] atLeast = {400, 800, 1600};
    for (int i = 0; i < atLeast.length; i++) {
      long gap = Duration.between(answered.get(i), answered.get(i + 1)).toMillis();
      assertTrue(gap >= atLeast[i], "gap " + i + " after a 503 was " + gap + " ms");
    }
  }

  @Test
  @Order(5)
  void pollsSymbolsAddedThroughTheApiAndStopsForRemovedOnes() {
    upstream.answer(symbol -> Answer.ok(quote(symbol, "99.5", T0 + 5000)));
    assertEquals(
        201, api.post("/api/v1/symbols", TestEngine.ADMIN_TOKEN, "{\"symbol\":\"NFLX\"}").status());
    assertEquals("http-poll", awaitQuote("NFLX", "99.5").get("provider").asText());

    assertEquals(204, api.delete("/api/v1/symbols/NFLX", TestEngine.ADMIN_TOKEN).status());
    // Requests already in flight may still land; after that no more may come. Observed over
    // one-second windows: the last window must see no new request.
    Polling.await(
        WAIT,
        () -> {
          int before = upstream.requestCount("NFLX");
          sleep(Duration.ofSeconds(1));
          assertEquals(before, upstream.requestCount("NFLX"));
        });
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
