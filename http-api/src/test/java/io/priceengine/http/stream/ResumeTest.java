package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resuming a subscription from a history id (WebSocket {@code since}, SSE {@code Last-Event-ID}):
 * the missed updates from the journal, then live ones, with no gap and no duplicate at the seam.
 * The replay limit is lowered to 50 so that falling back to a snapshot needs few ticks.
 */
class ResumeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int REPLAY_LIMIT = 50;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TestEngine engine;
  private static ApiClient api;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    engine =
        TestEngine.start(
            "stream_resume", Map.of("price-engine.http.stream.replay-limit", REPLAY_LIMIT));
    api = engine.client();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + engine.engine().port() + "/api/v1/market-data" + path);
  }

  private static WsClient connect() {
    return WsClient.connect(
        http, URI.create(uri("/ws").toString().replace("http:", "ws:")), Map.of(), false);
  }

  /** Subscribes to a symbol that has a price and returns the snapshot's history id. */
  private static long subscribe(WsClient client, String symbol) {
    client.send("{\"action\":\"subscribe\",\"symbols\":[\"" + symbol + "\"]}");
    assertEquals("subscribed", client.next().path("type").asText());
    JsonNode snapshot = client.next();
    assertEquals(true, snapshot.path("snapshot").asBoolean(), snapshot.toString());
    return snapshot.path("quote").path("historyId").asLong();
  }

  private static void assertUpdate(JsonNode message, long historyId, String price) {
    assertEquals("quote", message.path("type").asText(), message.toString());
    assertFalse(message.path("snapshot").asBoolean(), message.toString());
    assertEquals(historyId, message.path("quote").path("historyId").asLong(), message.toString());
    assertEquals(
        0,
        new BigDecimal(price)
            .compareTo(new BigDecimal(message.path("quote").path("price").asText())),
        message.toString());
  }

  @Test
  void webSocketResumesWithExactlyTheMissedUpdatesThenLiveOnes() {
    Ticks.push(api, "RSW", "1");
    long seen;
    try (WsClient client = connect()) {
      seen = subscribe(client, "RSW");
    }
    for (int i = 1; i <= 20; i++) {
      Ticks.push(api, "RSW", Ticks.price(i));
    }
    try (WsClient client = connect()) {
      client.send(
          "{\"action\":\"subscribe\",\"symbols\":[\"RSW\"],\"since\":{\"RSW\":" + seen + "}}");
      assertEquals("subscribed", client.next().path("type").asText());
      for (int i = 1; i <= 20; i++) {
        assertUpdate(client.next(WAIT), seen + i, Ticks.price(i));
      }
      Ticks.push(api, "RSW", Ticks.price(21));
      assertUpdate(client.next(WAIT), seen + 21, Ticks.price(21));
      assertNull(client.poll(Duration.ofMillis(300)), "nothing after the live update");
    }
  }

  @Test
  void resumeUpToTheCurrentQuoteSendsNothingButLiveUpdates() {
    Ticks.push(api, "RSNOW", "5");
    long seen;
    try (WsClient client = connect()) {
      seen = subscribe(client, "RSNOW");
    }
    try (WsClient client = connect()) {
      client.send(
          "{\"action\":\"subscribe\",\"symbols\":[\"RSNOW\"],\"since\":{\"RSNOW\":" + seen + "}}");
      assertEquals("subscribed", client.next().path("type").asText());
      Ticks.push(api, "RSNOW", "6");
      assertUpdate(client.next(WAIT), seen + 1, "6");
    }
  }

  @Test
  void resumeFurtherBackThanTheLimitGetsTheSnapshot() {
    Ticks.push(api, "RSFAR", "1");
    long seen;
    try (WsClient client = connect()) {
      seen = subscribe(client, "RSFAR");
    }
    for (int i = 1; i <= REPLAY_LIMIT + 1; i++) {
      Ticks.push(api, "RSFAR", Ticks.price(i));
    }
    try (WsClient client = connect()) {
      client.send(
          "{\"action\":\"subscribe\",\"symbols\":[\"RSFAR\"],\"since\":{\"RSFAR\":" + seen + "}}");
      assertEquals("subscribed", client.next().path("type").asText());
      JsonNode snapshot = client.next(WAIT);
      assertEquals(true, snapshot.path("snapshot").asBoolean(), snapshot.toString());
      assertEquals(seen + REPLAY_LIMIT + 1, snapshot.path("quote").path("historyId").asLong());
    }
  }

  @Test
  void resumeWhileTicksKeepArrivingHasNoGapAndNoDuplicate() throws Exception {
    Ticks.push(api, "RSEAM", "1");
    long seen;
    try (WsClient client = connect()) {
      seen = subscribe(client, "RSEAM");
    }
    for (int i = 1; i <= 30; i++) {
      Ticks.push(api, "RSEAM", Ticks.price(i));
    }
    AtomicBoolean pushing = new AtomicBoolean(true);
    AtomicInteger pushed = new AtomicInteger(30);
    CompletableFuture<Void> pusher =
        CompletableFuture.runAsync(
            () -> {
              while (pushing.get() && pushed.get() < 30 + REPLAY_LIMIT / 2) {
                Ticks.push(api, "RSEAM", Ticks.price(pushed.incrementAndGet()));
              }
            });
    try (WsClient client = connect()) {
      client.send(
          "{\"action\":\"subscribe\",\"symbols\":[\"RSEAM\"],\"since\":{\"RSEAM\":" + seen + "}}");
      assertEquals("subscribed", client.next().path("type").asText());
      long expected = seen + 1;
      // every update in order, across the replay and the switch to live ones
      while (expected <= seen + 40) {
        JsonNode update = client.next(WAIT);
        assertUpdate(update, expected, Ticks.price((int) (expected - seen)));
        expected++;
      }
      pushing.set(false);
      pusher.get();
      while (expected <= seen + pushed.get()) {
        assertUpdate(client.next(WAIT), expected, Ticks.price((int) (expected - seen)));
        expected++;
      }
    }
  }

  @Test
  void serverSentEventsResumeFromLastEventId() throws IOException {
    Ticks.push(api, "RSSE", "1");
    String lastEventId;
    try (SseClient sse = SseClient.open(http, uri("/stream?symbols=RSSE"), Map.of())) {
      SseClient.Event snapshot = sse.next(WAIT);
      lastEventId = snapshot.id();
    }
    long seen = Long.parseLong(lastEventId.substring("RSSE:".length()));
    for (int i = 1; i <= 20; i++) {
      Ticks.push(api, "RSSE", Ticks.price(i));
    }
    try (SseClient sse =
        SseClient.open(http, uri("/stream?symbols=RSSE"), Map.of("Last-Event-ID", lastEventId))) {
      for (int i = 1; i <= 20; i++) {
        SseClient.Event event = sse.next(WAIT);
        assertEquals("quote", event.event());
        assertEquals("RSSE:" + (seen + i), event.id());
        JsonNode quote = MAPPER.readTree(event.data());
        assertEquals(seen + i, quote.path("historyId").asLong());
        assertEquals(
            0, new BigDecimal(Ticks.price(i)).compareTo(quote.path("price").decimalValue()));
      }
      Ticks.push(api, "RSSE", Ticks.price(21));
      assertEquals("RSSE:" + (seen + 21), sse.next(WAIT).id());
    }
  }
}
