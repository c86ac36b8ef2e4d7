package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.engine.quote.QuoteFanOut;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WebSocket protocol of API.md against a real node, with the JDK WebSocket client. */
class WebSocketStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static TestEngine engine;
  private static ApiClient api;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    engine =
        TestEngine.start("ws_stream", Map.of("price-engine.http.stream.heartbeat-after", "1s"));
    api = engine.client();
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static URI ws(String query) {
    return URI.create(
        "ws://127.0.0.1:" + engine.engine().port() + "/api/v1/market-data/ws" + query);
  }

  private static WsClient connect() {
    return WsClient.connect(http, ws(""));
  }

  private static void assertQuote(JsonNode message, boolean snapshot, String symbol, String price) {
    assertEquals("quote", message.path("type").asText(), message.toString());
    assertEquals(snapshot, message.path("snapshot").asBoolean(), message.toString());
    assertEquals(symbol, message.path("quote").path("symbol").asText(), message.toString());
    assertEquals(
        0,
        new BigDecimal(price).compareTo(message.path("quote").path("price").decimalValue()),
        message.toString());
  }

  private static void assertError(JsonNode message, String code) {
    assertEquals("error", message.path("type").asText(), message.toString());
    assertEquals(code, message.path("code").asText(), message.toString());
    assertFalse(message.path("message").asText().isEmpty(), message.toString());
  }

  private static long historyId(JsonNode quoteMessage) {
    return quoteMessage.path("quote").path("historyId").asLong();
  }

  @Test
  void subscribeSendsSnapshotThenEveryUpdateInOrder() {
    Ticks.push(api, "WSA", "10.5");
    try (WsClient client = connect()) {
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"wsa\"],\"id\":7}");
      JsonNode subscribed = client.next();
      assertEquals("subscribed", subscribed.path("type").asText());
      assertEquals("[\"WSA\"]", subscribed.path("symbols").toString());
      assertEquals(7, subscribed.path("id").asInt());
      JsonNode snapshot = client.next();
      assertQuote(snapshot, true, "WSA", "10.5");
      assertTrue(snapshot.path("quote").path("lastUpdated").asText().matches(".*\\.\\d{3}Z"));
      long previous = historyId(snapshot);

      for (int i = 1; i <= 5; i++) {
        Ticks.push(api, "WSA", Ticks.price(i));
      }
      for (int i = 1; i <= 5; i++) {
        JsonNode update = client.next(WAIT);
        assertQuote(update, false, "WSA", Ticks.price(i));
        assertEquals(previous + 1, historyId(update), update.toString());
        assertFalse(update.has("skipped"), update.toString());
        previous = historyId(update);
      }
    }
  }

  @Test
  void symbolsInTheUrlAreSubscribedOnConnect() {
    Ticks.push(api, "WSURL", "1.25");
    try (WsClient client = WsClient.connect(http, ws("?symbols=wsurl"))) {
      assertEquals("subscribed", client.next().path("type").asText());
      assertQuote(client.next(), true, "WSURL", "1.25");
    }
  }

  @Test
  void unsubscribeStopsUpdatesAndResubscribingSendsAFreshSnapshot() {
    Ticks.push(api, List.of("WSU1", "WSU2"), "20");
    try (WsClient client = connect()) {
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSU1\",\"WSU2\"]}");
      assertEquals("subscribed", client.next().path("type").asText());
      client.next();
      client.next(); // the two snapshots

      client.send("{\"action\":\"unsubscribe\",\"symbols\":[\"WSU1\"],\"id\":\"u\"}");
      JsonNode unsubscribed = client.next();
      assertEquals("unsubscribed", unsubscribed.path("type").asText());
      assertEquals("[\"WSU1\"]", unsubscribed.path("symbols").toString());
      assertEquals("u", unsubscribed.path("id").asText());

      Ticks.push(api, "WSU1", "21");
      Ticks.push(api, "WSU2", "22"); // after WSU1's: once it arrives, WSU1's would have too
      JsonNode next = client.next(WAIT);
      assertQuote(next, false, "WSU2", "22");

      client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSU1\"]}");
      assertEquals("subscribed", client.next().path("type").asText());
      assertQuote(client.next(), true, "WSU1", "21");
    }
  }

  @Test
  void listPingAndIdsAreAnswered() {
    try (WsClient client = connect()) {
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSL1\",\"WSL2\"]}");
      assertEquals("subscribed", client.next().path("type").asText());
      client.send("{\"action\":\"list\",\"id\":1}");
      JsonNode list = client.next();
      assertEquals("subscriptions", list.path("type").asText());
      assertEquals("[\"WSL1\",\"WSL2\"]", list.path("symbols").toString());
      assertEquals(1, list.path("id").asInt());
      client.send("{\"action\":\"ping\",\"id\":\"x\"}");
      JsonNode pong = client.next();
      assertEquals("pong", pong.path("type").asText());
      assertEquals("x", pong.path("id").asText());
    }
  }

  @Test
  void heartbeatFillsSilence() {
    try (WsClient client = connect()) {
      Polling.await(WAIT, () -> assertTrue(client.heartbeats() >= 2));
    }
  }

  @Test
  void everySymbolSubscriptionReceivesAnySymbol() {
    try (WsClient client = connect()) {
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"*\"]}");
      assertEquals("[\"*\"]", client.next().path("symbols").toString());
      Ticks.push(api, "WSANY", "3.5");
      assertQuote(
          client.nextMatching(m -> m.path("quote").path("symbol").asText().equals("WSANY"), WAIT),
          false,
          "WSANY",
          "3.5");
      client.send("{\"action\":\"list\"}");
      assertEquals(
          "[\"*\"]",
          client
              .nextMatching(m -> m.path("type").asText().equals("subscriptions"), WAIT)
              .path("symbols")
              .toString());
    }
  }

  @Test
  void slowClientsNextQuoteCountsTheUpdatesItSkipped() {
    Ticks.push(api, "WSSLOW", "50");
    try (WsClient client = connect()) {
      // one update per 4 s: everything pushed meanwhile is conflated into the next one
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"WSSLOW\"],\"maxFrequency\":0.25}");
      client.next();
      JsonNode snapshot = client.next();
      assertQuote(snapshot, true, "WSSLOW", "50");
      for (int i = 1; i <= 6; i++) {
        Ticks.push(api, "WSSLOW", Ticks.price(i));
      }
      long previous = historyId(snapshot);
      int received = 0;
      int skipped = 0;
      JsonNode last = null;
      while (received + skipped < 6) {
        last = client.next(WAIT);
        assertEquals(
            historyId(last) - previous - 1,
            last.path("skipped").asInt(),
            "skipped must count the updates between two sent ones: " + last);
        skipped += last.path("skipped").asInt();
        received++;
        previous = historyId(last);
      }
      assertQuote(last, false, "WSSLOW", Ticks.price(6));
      assertTrue(skipped > 0, "6 updates within one rate window were not conflated");
    }
  }

  @Test
  void badRequestsGetErrorsAndTheConnectionStaysOpen() {
    try (WsClient client = connect()) {
      client.send("{not json");
      assertError(client.next(), "invalid_request");
      client.send("{\"action\":\"dance\",\"id\":3}");
      JsonNode unknown = client.next();
      assertError(unknown, "invalid_request");
      assertEquals(3, unknown.path("id").asInt());
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"9BAD\"]}");
      assertError(client.next(), "invalid_symbol");
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"OK\"],\"maxFrequency\":-1}");
      assertError(client.next(), "invalid_request");
      client.send("[" + "[".repeat(100) + "]".repeat(101));
      assertError(client.next(), "invalid_request");

      String tooMany =
          IntStream.range(0, 1001)
              .mapToObj(i -> "\"M" + i + "\"")
              .collect(Collectors.joining(",", "[", "]"));
      client.send("{\"action\":\"subscribe\",\"symbols\":" + tooMany + "}");
      assertError(client.next(), "too_many_symbols");

      client.send("{\"action\":\"ping\",\"id\":\"still-open\"}");
      assertEquals("still-open", client.next().path("id").asText());
    }
  }

  @Test
  void connectionLimitCountsSymbolsOfEveryRequest() {
    try (WsClient client = connect()) {
      List<String> batches = new ArrayList<>();
      for (int batch = 0; batch < 2; batch++) {
        int first = batch * 600;
        batches.add(
            IntStream.range(first, first + 600)
                .mapToObj(i -> "\"L" + i + "\"")
                .collect(Collectors.joining(",", "[", "]")));
      }
      client.send("{\"action\":\"subscribe\",\"symbols\":" + batches.get(0) + "}");
      assertEquals("subscribed", client.next().path("type").asText());
      client.send("{\"action\":\"subscribe\",\"symbols\":" + batches.get(1) + "}");
      assertError(
          client.nextMatching(m -> !m.path("type").asText().equals("quote"), WAIT),
          "too_many_symbols");
    }
  }

  @Test
  void messageOfExactly64KiBIsReadAndALargerOneClosesWith1009() {
    try (WsClient client = connect()) {
      String ping = "{\"action\":\"ping\",\"id\":\"big\"}";
      client.send(ping + " ".repeat(64 * 1024 - ping.length()));
      assertEquals("big", client.next().path("id").asText());

      client.send(ping + " ".repeat(64 * 1024 - ping.length() + 1));
      WsClient.Closed closed = client.awaitClose(WAIT);
      assertEquals(SizeLimitedWebSocket.MESSAGE_TOO_BIG, closed.status());
    }
  }

  @Test
  void disconnectedClientsLeaveNoSubscriptionBehind() {
    List<WsClient> clients = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      WsClient client = connect();
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"LEAK1\",\"LEAK2\",\"*\"]}");
      assertEquals("subscribed", client.next().path("type").asText());
      clients.add(client);
    }
    Polling.await(WAIT, () -> assertTrue(counts().subscribers() >= 5, counts().toString()));
    clients.forEach(WsClient::close);
    Polling.await(
        WAIT,
        () -> {
          assertEquals(new QuoteFanOut.Counts(0, 0), counts());
          assertEquals(0, engine.engine().streamSessions().webSocketSessions());
        });
  }

  private static QuoteFanOut.Counts counts() {
    return engine.engine().quoteFeeds().counts().toCompletableFuture().join();
  }
}
