package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node at its cap of WebSocket and SSE subscribers refuses one more with 503 {@code overloaded}
 * at the upgrade, keeps serving the ones it has and REST alike, and takes new ones once some left.
 */
class StreamSessionCapTest {

  @Test
  void refusesASubscriberOverTheCapWithOverloadedAndTakesOneAgainWhenOneLeaves() throws Exception {
    try (TestEngine engine =
        TestEngine.start("stream_cap", Map.of("price-engine.http.stream.max-sessions", "2"))) {
      ApiClient api = engine.client();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      String base = "127.0.0.1:" + engine.engine().port() + "/api/v1/market-data/";
      URI ws = URI.create("ws://" + base + "ws");
      URI sse = URI.create("http://" + base + "stream?symbols=AAPL");

      WsClient first = WsClient.connect(http, ws);
      HttpResponse<?> events =
          http.sendAsync(
                  HttpRequest.newBuilder(sse).GET().build(),
                  HttpResponse.BodyHandlers.ofInputStream())
              .get(10, TimeUnit.SECONDS);
      assertEquals(200, events.statusCode());
      Polling.await(
          Duration.ofSeconds(10),
          () -> api.get("/api/v1/admin/metrics", TestEngine.ADMIN_TOKEN).json(),
          m -> m.get("webSocketSessions").asInt() == 1 && m.get("sseSessions").asInt() == 1);

      CompletionException refused =
          assertThrows(CompletionException.class, () -> WsClient.connect(http, ws));
      var handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
      assertEquals(503, handshake.getResponse().statusCode());
      HttpResponse<String> refusedEvents =
          http.send(
              HttpRequest.newBuilder(sse).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(503, refusedEvents.statusCode());
      assertEquals(
          "overloaded",
          new ObjectMapper().readTree(refusedEvents.body()).path("error").path("code").asText());
      assertEquals("5", refusedEvents.headers().firstValue("Retry-After").orElse(null));
      assertEquals(200, api.get("/health/live").status(), "REST is still served");

      first.close();
      Polling.await(
          Duration.ofSeconds(10),
          () -> {
            try (WsClient again = WsClient.connect(http, ws)) {
              return true;
            } catch (CompletionException e) {
              return false;
            }
          },
          connected -> connected);
    }
  }
}
