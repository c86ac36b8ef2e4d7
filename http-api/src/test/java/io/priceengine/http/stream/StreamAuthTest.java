package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Read tokens and the WebSocket origin allow-list on the streaming endpoints (API.md, Auth). */
class StreamAuthTest {
  private static final String READ_TOKEN = "test-read-token";
  private static final String ALLOWED = "https://trading.example";

  private static TestEngine engine;
  private static ApiClient api;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    engine =
        TestEngine.start(
            "stream_auth",
            Map.of(
                "price-engine.http.read-token",
                READ_TOKEN,
                "price-engine.http.allowed-origins",
                ALLOWED + ", https://other.example"));
    api = engine.client();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static URI ws(String query) {
    return URI.create(
        "ws://127.0.0.1:" + engine.engine().port() + "/api/v1/market-data/ws" + query);
  }

  private static int handshakeStatus(String query, Map<String, String> headers) {
    try {
      WsClient.connect(http, ws(query), headers, false).close();
      return 101;
    } catch (CompletionException e) {
      assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
      return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }
  }

  @Test
  void webSocketNeedsTheReadTokenAsBearerOrQueryParameter() {
    assertEquals(401, handshakeStatus("", Map.of()));
    assertEquals(401, handshakeStatus("?token=wrong", Map.of()));
    assertEquals(101, handshakeStatus("?token=" + READ_TOKEN, Map.of()));
    assertEquals(101, handshakeStatus("", Map.of("Authorization", "Bearer " + READ_TOKEN)));
  }

  @Test
  void webSocketFromAnotherOriginIsForbidden() {
    assertEquals(101, handshakeStatus("?token=" + READ_TOKEN, Map.of("Origin", ALLOWED)));
    assertEquals(
        403, handshakeStatus("?token=" + READ_TOKEN, Map.of("Origin", "https://evil.example")));
    ApiClient.Response refused =
        api.send(
            api.request("/api/v1/market-data/ws?token=" + READ_TOKEN, null)
                .header("Origin", "https://evil.example")
                .GET()
                .build());
    assertEquals(403, refused.status());
    assertEquals("forbidden", refused.errorCode());
  }

  @Test
  void serverSentEventsNeedTheReadToken() {
    assertEquals("unauthorized", api.get("/api/v1/market-data/stream?symbols=AUTH").errorCode());
    try (SseClient sse =
        SseClient.open(
            http,
            URI.create(
                api.baseUrl() + "/api/v1/market-data/stream?symbols=AUTH&token=" + READ_TOKEN),
            Map.of())) {
      assertEquals(200, sse.response().statusCode());
    }
  }

  @Test
  void aRequestThatIsNoUpgradeIsABadRequest() {
    ApiClient.Response response = api.get("/api/v1/market-data/ws", READ_TOKEN);
    assertEquals(400, response.status());
    assertEquals("invalid_request", response.errorCode());
  }
}
