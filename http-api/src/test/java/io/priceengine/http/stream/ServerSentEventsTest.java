package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.engine.quote.QuoteFanOut;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /market-data/stream (API.md, Server-Sent Events) against a real node. */
class ServerSentEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static TestEngine engine;
  private static ApiClient api;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    engine =
        TestEngine.start("stream_sse", Map.of("price-engine.http.stream.keep-alive-after", "1s"));
    api = engine.client();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static URI stream(String query) {
    return URI.create(
        "http://127.0.0.1:" + engine.engine().port() + "/api/v1/market-data/stream" + query);
  }

  private static JsonNode quote(SseClient.Event event) throws IOException {
    assertEquals("quote", event.event());
    JsonNode quote = MAPPER.readTree(event.data());
    assertEquals(
        quote.path("symbol").asText() + ":" + quote.path("historyId").asLong(), event.id());
    return quote;
  }

  @Test
  void snapshotFirstThenUpdatesAsQuoteEvents() throws IOException {
    Ticks.push(api, "SSE1", "7.25");
    try (SseClient sse = SseClient.open(http, stream("?symbols=sse1,SSE2"), Map.of())) {
      assertEquals(200, sse.response().statusCode());
      assertTrue(
          sse.response()
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("text/event-stream"));
      JsonNode snapshot = quote(sse.next(WAIT));
      assertEquals("SSE1", snapshot.path("symbol").asText());
      assertEquals(0, new BigDecimal("7.25").compareTo(snapshot.path("price").decimalValue()));

      Ticks.push(api, "SSE2", "1.5");
      Ticks.push(api, "SSE1", "7.5");
      JsonNode first = quote(sse.next(WAIT));
      assertEquals("SSE2", first.path("symbol").asText());
      JsonNode second = quote(sse.next(WAIT));
      assertEquals("SSE1", second.path("symbol").asText());
      assertEquals(snapshot.path("historyId").asLong() + 1, second.path("historyId").asLong());
    }
  }

  @Test
  void sinceParameterResumesAfterTheGivenId() throws IOException {
    Ticks.push(api, "SSEB", "1");
    Ticks.push(api, "SSEB", "2");
    Ticks.push(api, "SSEB", "3");
    try (SseClient sse = SseClient.open(http, stream("?symbols=SSEB&since=SSEB:1"), Map.of())) {
      assertEquals(
          0, new BigDecimal("2").compareTo(quote(sse.next(WAIT)).path("price").decimalValue()));
      assertEquals(
          0, new BigDecimal("3").compareTo(quote(sse.next(WAIT)).path("price").decimalValue()));
    }
  }

  @Test
  void idleStreamGetsKeepAliveComments() {
    try (SseClient sse = SseClient.open(http, stream("?symbols=SSEIDLE"), Map.of())) {
      SseClient.Event comment = sse.poll(WAIT);
      assertEquals(new SseClient.Event("comment", null, "keep-alive"), comment);
    }
  }

  /** Akka HTTP notices a closed connection on its next write: here the keep-alive of 1 s. */
  @Test
  void streamIsReleasedWhenTheClientGoesAway() {
    SseClient sse = SseClient.open(http, stream("?symbols=SSEGONE"), Map.of());
    Polling.await(
        WAIT,
        () -> {
          assertEquals(1, engine.engine().streamSessions().sseSessions());
          assertEquals(new QuoteFanOut.Counts(1, 1), counts());
        });
    sse.close();
    Polling.await(
        WAIT,
        () -> {
          assertEquals(0, engine.engine().streamSessions().sseSessions());
          assertEquals(new QuoteFanOut.Counts(0, 0), counts());
        });
  }

  @Test
  void badParametersAreRejectedBeforeStreaming() {
    assertEquals("invalid_request", api.get("/api/v1/market-data/stream").errorCode());
    assertEquals("invalid_symbol", api.get("/api/v1/market-data/stream?symbols=1X").errorCode());
    assertEquals(
        "invalid_request", api.get("/api/v1/market-data/stream?symbols=A&since=A-7").errorCode());
  }

  private static QuoteFanOut.Counts counts() {
    return engine.engine().quoteFeeds().counts().toCompletableFuture().join();
  }
}
