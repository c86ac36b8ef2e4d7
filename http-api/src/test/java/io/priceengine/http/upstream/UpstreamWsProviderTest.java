package io.priceengine.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The upstream-ws provider against a fake Finnhub-style WebSocket upstream. */
class UpstreamWsProviderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static FakeWsUpstream upstream;
  private static TestEngine engine;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    upstream = new FakeWsUpstream("secret");
    engine =
        TestEngine.start(
            "upstream_ws",
            Map.of(
                "price-engine.providers.enabled", "upstream-ws",
                "price-engine.providers.upstream-ws.url", upstream.url(),
                "price-engine.providers.upstream-ws.token", "secret",
                "price-engine.providers.upstream-ws.symbols", "AAPL,MSFT,IBM",
                "price-engine.providers.upstream-ws.subscription-refresh", "200ms",
                "price-engine.providers.ingest.min-backoff", "200ms",
                "price-engine.providers.ingest.max-backoff", "1s",
                "price-engine.symbol.universe-refresh", "200ms"));
    api = engine.client();
  }

  @AfterAll
  static void stop() {
    engine.close();
    upstream.close();
  }

  static String trade(String symbol, String price) {
    return "{\"s\":\""
        + symbol
        + "\",\"p\":"
        + price
        + ",\"t\":"
        + System.currentTimeMillis()
        + ",\"v\":100}";
  }

  static String trade(String symbol, String price, long epochMillis) {
    return "{\"s\":\"" + symbol + "\",\"p\":" + price + ",\"t\":" + epochMillis + "}";
  }

  static String trades(String... trades) {
    return "{\"type\":\"trade\",\"data\":[" + String.join(",", trades) + "]}";
  }

  static String subscribe(String symbol) {
    return "{\"type\":\"subscribe\",\"symbol\":\"" + symbol + "\"}";
  }

  private static JsonNode awaitQuote(String symbol, String price) {
    return Polling.await(
        WAIT,
        () -> api.get("/api/v1/market-data/prices/" + symbol).json(),
        quote -> quote != null && quote.path("price").asText().equals(price));
  }

  private static JsonNode provider(String code) {
    for (JsonNode provider : api.get("/api/v1/providers").json().get("providers")) {
      if (provider.get("code").asText().equals(code)) {
        return provider;
      }
    }
    throw new AssertionError("no provider " + code);
  }

  private static void awaitSubscribed(FakeWsUpstream.Connection connection, String... symbols) {
    Polling.await(
        WAIT,
        () -> {
          for (String symbol : symbols) {
            assertTrue(
                connection.received().contains(subscribe(symbol)),
                connection.received().toString());
          }
        });
  }

  @Test
  void subscribesWithTheTokenAndIngestsTrades() {
    Polling.await(WAIT, () -> assertTrue(!upstream.connections().isEmpty()));
    awaitSubscribed(upstream.latest(), "AAPL", "MSFT");
    upstream.send(trades(trade("AAPL", "189.25")));

    JsonNode quote = awaitQuote("AAPL", "189.25");
    assertEquals("upstream-ws", quote.get("provider").asText());
    assertEquals(100, quote.get("volume").asLong());
    JsonNode status =
        Polling.await(
            WAIT, () -> provider("upstream-ws"), p -> p.get("status").asText().equals("up"));
    assertTrue(status.get("ticks").asLong() >= 1, status.toString());
    assertEquals("Upstream WebSocket feed", status.get("displayName").asText());
    assertEquals("disabled", provider("http-poll").get("status").asText());
  }

  @Test
  void tradesAloneGiveQuotesTheirSessionsOpenHighLowAndChange() {
    Polling.await(WAIT, () -> assertTrue(!upstream.connections().isEmpty()));
    awaitSubscribed(upstream.latest(), "IBM");
    long now = System.currentTimeMillis();
    // a trade a day ago, then two in today's session (sessions are UTC days by default)
    upstream.send(trades(trade("IBM", "100", now - Duration.ofDays(1).toMillis())));
    awaitQuote("IBM", "100");
    upstream.send(trades(trade("IBM", "106", now - 1)));
    awaitQuote("IBM", "106");
    upstream.send(trades(trade("IBM", "105", now)));

    JsonNode quote = awaitQuote("IBM", "105");
    assertEquals("106", quote.get("open").asText());
    assertEquals("106", quote.get("high").asText());
    assertEquals("105", quote.get("low").asText());
    assertEquals("100", quote.get("previousClose").asText());
    assertEquals("5", quote.get("change").asText());
    assertEquals("5", quote.get("changePercent").asText());
  }

  @Test
  void skipsAndCountsGarbageWithoutLosingTheConnection() {
    Polling.await(WAIT, () -> assertTrue(!upstream.connections().isEmpty()));
    awaitSubscribed(upstream.latest(), "MSFT");
    int connections = upstream.connections().size();
    long errorsBefore = provider("upstream-ws").get("errors").asLong();
    List<String> garbage =
        List.of(
            "{not json",
            "[1,2]",
            "{\"type\":\"news\",\"data\":[]}",
            "{\"data\":[]}",
            "{\"type\":\"trade\",\"data\":{}}",
            "{\"type\":\"error\",\"msg\":\"Subscribing to too many symbols\"}",
            trades(
                "{\"s\":\"MSFT\",\"p\":\"NaN\",\"t\":1700000000000}",
                "{\"s\":\"MSFT\",\"p\":-1,\"t\":1700000000000}",
                "{\"s\":\"MSFT\",\"p\":1e20,\"t\":1700000000000}",
                "{\"p\":1,\"t\":1700000000000}",
                "{\"s\":\"MSFT\",\"p\":1}",
                "{\"s\":\"MS FT\",\"p\":1,\"t\":1700000000000}",
                "17",
                trade("MSFT", "415.5")));
    garbage.forEach(upstream::send);
    upstream.send("{\"type\":\"ping\"}");

    awaitQuote("MSFT", "415.5");
    Polling.await(
        WAIT,
        () -> assertEquals(errorsBefore + 13, provider("upstream-ws").get("errors").asLong()));
    assertEquals(connections, upstream.connections().size());
  }

  @Test
  void followsSymbolsAddedAndRemovedThroughTheApi() {
    Polling.await(WAIT, () -> assertTrue(!upstream.connections().isEmpty()));
    assertEquals(
        201, api.post("/api/v1/symbols", TestEngine.ADMIN_TOKEN, "{\"symbol\":\"NFLX\"}").status());
    Polling.await(WAIT, () -> assertTrue(upstream.latest().received().contains(subscribe("NFLX"))));

    assertEquals(204, api.delete("/api/v1/symbols/NFLX", TestEngine.ADMIN_TOKEN).status());
    Polling.await(
        WAIT,
        () ->
            assertTrue(
                upstream
                    .latest()
                    .received()
                    .contains("{\"type\":\"unsubscribe\",\"symbol\":\"NFLX\"}")));
  }

  @Test
  void reconnectsAndResubscribesWhenTheUpstreamDropsTheConnection() {
    Polling.await(WAIT, () -> assertTrue(!upstream.connections().isEmpty()));
    awaitSubscribed(upstream.latest(), "AAPL", "MSFT");
    int before = upstream.connections().size();

    upstream.dropConnections();

    Polling.await(WAIT, () -> assertTrue(upstream.connections().size() > before));
    awaitSubscribed(upstream.latest(), "AAPL", "MSFT");
    upstream.send(trades(trade("AAPL", "190.5")));
    assertEquals("upstream-ws", awaitQuote("AAPL", "190.5").get("provider").asText());
    Polling.await(WAIT, () -> provider("upstream-ws"), p -> p.get("status").asText().equals("up"));
  }
}
