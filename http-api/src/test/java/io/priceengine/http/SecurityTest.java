package io.priceengine.http;

import static io.priceengine.http.TestEngine.ADMIN_TOKEN;
import static io.priceengine.http.TestEngine.INGEST_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.priceengine.http.ApiClient.Response;
import io.priceengine.http.stream.WsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The edge's defences against hostile clients (docs/security.md): bearer challenges, the ingest
 * rate limit, the Origin allow-list of both stream endpoints, server limits with API error bodies,
 * the slow-body timeout, the WebSocket request cap, and that no token ever reaches the log.
 */
class SecurityTest {
  private static final String READ_TOKEN = "test-read-token-security";
  private static final String ALLOWED = "https://trading.example";
  private static final String TICKS = "/api/v1/market-data/ticks";
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();
  private static final Logger ROOT =
      (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  private static TestEngine engine;
  private static ApiClient api;
  private static HttpClient http;
  private static int port;

  @BeforeAll
  static void start() {
    LOG.start();
    ROOT.addAppender(LOG);
    engine =
        TestEngine.start(
            "security",
            Map.of(
                "price-engine.http.read-token",
                READ_TOKEN,
                "price-engine.http.allowed-origins",
                ALLOWED,
                "price-engine.http.body-timeout",
                "2s",
                "price-engine.http.ingest-rate-limit",
                100,
                "price-engine.http.ingest-burst",
                200));
    api = engine.client();
    port = engine.engine().port();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  /** After the actor system stopped (every queued log event written): no token in any line. */
  @AfterAll
  static void stopAndCheckTheLog() {
    engine.close();
    ROOT.detachAppender(LOG);
    for (ILoggingEvent event : LOG.list) {
      String line = event.getFormattedMessage();
      for (String token :
          new String[] {INGEST_TOKEN, ADMIN_TOKEN, READ_TOKEN, "secret-in-bad-header"}) {
        assertFalse(line.contains(token), "token in the log: " + line);
      }
    }
  }

  private static void assertError(Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    assertEquals(code, response.errorCode(), response.body());
  }

  private static void assertError(RawHttp.Answer answer, int status, String code) {
    assertEquals(status, answer.status(), answer.head() + "\n" + answer.body());
    assertEquals(code, answer.errorCode(), answer.body());
  }

  /** Ticks the parser rejects (negative prices): they count against the rate, persist nothing. */
  private static String invalidTicks(String symbol, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "{\"symbol\":\"" + symbol + "\",\"price\":-" + (i + 1) + "}")
        .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
  }

  @Test
  void unauthorizedAnswersCarryABearerChallenge() {
    HttpResponse<String> response =
        send(api.request(TICKS, null).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertEquals(401, response.statusCode());
    assertTrue(
        response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
        response.headers().toString());
    assertError(api.get("/api/v1/symbols", "wrong-token"), 401, "unauthorized");
    assertNotEquals(401, api.get("/api/v1/market-data/prices/NOPE", READ_TOKEN).status());
  }

  @Test
  void ingestBeyondItsRateGets429WithRetryAfter() {
    assertEquals(200, api.post(TICKS, INGEST_TOKEN, invalidTicks("RATE", 200)).status());
    HttpResponse<String> limited =
        send(
            api.request(TICKS, INGEST_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(invalidTicks("RATE", 150)))
                .build());
    assertEquals(429, limited.statusCode(), limited.body());
    assertTrue(limited.body().contains("\"rate_limited\""), limited.body());
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
    // the admin token has a bucket of its own
    assertEquals(200, api.post(TICKS, ADMIN_TOKEN, invalidTicks("RATEB", 10)).status());
  }

  @Test
  void serverSentEventsFromAForeignOrNullOriginAreForbidden() {
    assertEquals(403, sseStatus("https://evil.example"));
    assertEquals(403, sseStatus("null"));
    assertEquals(200, sseStatus(ALLOWED));
    assertEquals(200, sseStatus(null));
  }

  @Test
  void webSocketFromANullOriginIsForbiddenAndWithoutOriginAllowed() {
    assertEquals(403, webSocketStatus(Map.of("Origin", "null")));
    assertEquals(101, webSocketStatus(Map.of()));
  }

  @Test
  void webSocketTokenIsCheckedBeforeTheUpgrade() {
    RawHttp.Answer answer =
        RawHttp.exchange(
            port,
            "GET /api/v1/market-data/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n",
            Duration.ofSeconds(10));
    assertError(answer, 401, "unauthorized");
    assertFalse(answer.head().toLowerCase().contains("upgrade: websocket"), answer.head());
  }

  @Test
  void oversizedUrisHeadersAndBodiesGetTheirStatusAndErrorBody() {
    assertError(
        api.get("/api/v1/market-data/prices?symbols=" + "A,".repeat(10_000)),
        414,
        "invalid_request");
    assertError(
        api.send(
            api.request("/health/live", null).header("X-Big", "x".repeat(10_000)).GET().build()),
        431,
        "invalid_request");
    assertError(
        api.post(
            "/api/v1/symbols",
            ADMIN_TOKEN,
            "{\"symbol\":\"BIG\",\"companyName\":\"" + "x".repeat(70_000) + "\"}"),
        413,
        "payload_too_large");
    String chunk = "[" + "1,".repeat(32_000) + "1]";
    StringBuilder chunked = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      chunked
          .append(Integer.toHexString(chunk.length()))
          .append("\r\n")
          .append(chunk)
          .append("\r\n");
    }
    chunked.append("0\r\n\r\n");
    assertError(
        RawHttp.exchange(
            port,
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + INGEST_TOKEN
                + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + chunked,
            Duration.ofSeconds(20)),
        413,
        "payload_too_large");
  }

  @Test
  void unknownMethodsVersionsAndBadHeadersAreBadRequestsWithTheErrorBody() {
    assertError(
        RawHttp.exchange(
            port, "BREW /health/live HTTP/1.1\r\nHost: x\r\n\r\n", Duration.ofSeconds(10)),
        400,
        "invalid_request");
    assertError(
        RawHttp.exchange(
            port, "GET /health/live HTTP/3.7\r\nHost: x\r\n\r\n", Duration.ofSeconds(10)),
        400,
        "invalid_request");
    assertError(
        RawHttp.exchange(port, "GET /health/live\r\n\r\n", Duration.ofSeconds(10)),
        400,
        "invalid_request");
    // an illegal Authorization header: Akka would warn with its value unless told not to
    RawHttp.Answer answer =
        RawHttp.exchange(
            port,
            "GET /api/v1/symbols HTTP/1.1\r\n"
                + "Host: x\r\n"
                + "Authorization: Bearer secret-in-bad-header ==,\"\r\n"
                + "Connection: close\r\n\r\n",
            Duration.ofSeconds(10));
    assertTrue(answer.status() == 400 || answer.status() == 401, answer.head());
  }

  @Test
  void aBodyThatArrivesTooSlowlyGets408AndOthersAreServedMeanwhile() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      long started = System.nanoTime();
      out.write(
          ("POST "
                  + TICKS
                  + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + INGEST_TOKEN
                  + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"symb")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertEquals(200, api.get("/health/live").status());
      InputStream in = socket.getInputStream();
      RawHttp.Answer answer = RawHttp.read(in);
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      assertError(answer, 408, "invalid_request");
      assertTrue(seconds >= 1 && seconds < 10, seconds + " s");
    }
  }

  @Test
  void subscribeFloodIsRateLimitedAndTheConnectionStaysOpen() {
    try (WsClient client =
        WsClient.connect(
            http,
            URI.create("ws://127.0.0.1:" + port + "/api/v1/market-data/ws?token=" + READ_TOKEN))) {
      for (int i = 0; i < 30; i++) {
        client.send("{\"action\":\"subscribe\",\"symbols\":[\"FLOOD\"],\"id\":" + i + "}");
      }
      Polling.await(
          Duration.ofSeconds(20),
          () -> client.next(),
          message -> "rate_limited".equals(message.path("code").asText()));
      client.send("{\"action\":\"ping\",\"id\":\"still-open\"}");
      Polling.await(
          Duration.ofSeconds(20),
          () -> client.next(),
          message -> "pong".equals(message.path("type").asText()));
      assertFalse(client.isClosed());
    }
  }

  private static int sseStatus(String origin) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    api.baseUrl() + "/api/v1/market-data/stream?symbols=ORIG&token=" + READ_TOKEN))
            .timeout(Duration.ofSeconds(30));
    if (origin != null) {
      request.header("Origin", origin);
    }
    try {
      HttpResponse<InputStream> response =
          http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      response.body().close();
      return response.statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int webSocketStatus(Map<String, String> headers) {
    try {
      java.net.http.WebSocket.Builder builder =
          http.newWebSocketBuilder().header("Authorization", "Bearer " + READ_TOKEN);
      headers.forEach(builder::header);
      builder
          .buildAsync(
              URI.create("ws://127.0.0.1:" + port + "/api/v1/market-data/ws"),
              new java.net.http.WebSocket.Listener() {})
          .join()
          .abort();
      return 101;
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof java.net.http.WebSocketHandshakeException handshake) {
        return handshake.getResponse().statusCode();
      }
      throw e;
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
