package io.priceengine.http.hostile;

import static io.priceengine.http.TestEngine.ADMIN_TOKEN;
import static io.priceengine.http.TestEngine.INGEST_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.RawHttp;
import io.priceengine.http.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus of well over 1,000 malformed and hostile requests against every endpoint of
 * API.md and the WebSocket: each must get its documented 4xx (or WebSocket error message / close
 * code), none a 5xx, and afterwards the node is up and a control tick is accepted. Prints the
 * inputs tried by kind and the 5xx seen (README, Reliability).
 */
class HostileInputTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TICKS = "/api/v1/market-data/ticks";
  private static final String PRICES = "/api/v1/market-data/prices";
  private static final String SYMBOLS = "/api/v1/symbols";
  private static final Set<Integer> BAD_REQUEST = Set.of(400);
  private static final Set<Integer> BAD_OR_TOO_LARGE = Set.of(400, 413);
  private static final Set<Integer> BAD_OR_MISSING = Set.of(400, 404, 405);

  private static TestEngine engine;
  private static ApiClient api;
  private static HttpClient http;
  private static int port;
  private static final Outcomes outcomes = new Outcomes();

  @BeforeAll
  static void start() {
    engine =
        TestEngine.start(
            "hostile_input",
            Map.of(
                "price-engine.http.body-timeout", "2s",
                "akka.http.server.idle-timeout", "5s",
                "price-engine.http.stream.max-requests-per-second", 10_000));
    api = engine.client();
    port = engine.engine().port();
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void everyHostileInputGetsItsDocumented4xxAndTheNodeKeepsWorking() throws Exception {
    ticks();
    symbolAdministration();
    symbolsInPathsAndQueries();
    queryParameters();
    wrongMethods();
    rawRequests();
    webSocketMessages();
    oversizedWebSocketFrames();
    slowClients();

    System.out.println(outcomes.report());
    assertEquals(List.of(), outcomes.unexpected());
    assertEquals(0, outcomes.serverErrors());
    assertTrue(outcomes.total() >= 1000, "only " + outcomes.total() + " inputs");
    assertEquals(200, api.get("/health/live").status());
    Polling.await(
        Duration.ofSeconds(60),
        () ->
            api.post(TICKS, INGEST_TOKEN, "{\"symbol\":\"CONTROL\",\"price\":101.25}")
                .json()
                .path("accepted")
                .asInt(),
        accepted -> accepted == 1);
    assertEquals(
        "101.25",
        Polling.await(
                Duration.ofSeconds(30),
                () -> api.get(PRICES + "/CONTROL"),
                response -> response.status() == 200)
            .json()
            .path("price")
            .decimalValue()
            .toPlainString());
  }

  // ---- POST /ticks ----------------------------------------------------------------------------

  private void ticks() {
    for (String document : HostileValues.badJson()) {
      tick("bad JSON", document);
    }
    for (String symbol : HostileValues.symbols()) {
      tick("hostile symbol", "{\"symbol\":" + text(symbol) + ",\"price\":1}");
    }
    for (String field : List.of("price", "open", "high", "low", "previousClose")) {
      for (String price : HostileValues.badPrices()) {
        if (price.equals("null") && !field.equals("price")) {
          continue; // an absent optional field: a valid tick
        }
        String kind =
            price.startsWith("\"N") || price.contains("Infinity") ? "NaN/Infinity" : "bad number";
        tick(
            kind,
            "{\"symbol\":\"HOSTILE\",\"price\":1,\""
                + field
                + "\":"
                + price
                + "}".replace("\"price\":1,\"price\":", "\"price\":"));
      }
    }
    Map<String, List<String>> wrongTypes =
        Map.of(
            "volume",
                List.of("-1", "1.5", "\"1\"", "true", "[]", "{}", "1e400", "18446744073709551616"),
            "sourceTimestamp",
                List.of(
                    "1",
                    "\"yesterday\"",
                    "\"2026-13-45T99:99:99Z\"",
                    "\"2026-11-22\"",
                    "[]",
                    "true",
                    "\"2026-11-22T10:15:30\"",
                    "\"\\u0000\""),
            "provider", List.of("1", "[]", "{}", "true", "\"nope\"", "\"SIMULATED\\u0000\""),
            "companyName", List.of("1", "[]", "{}", "true"),
            "symbol", List.of("1", "[]", "{}", "true", "null", "1e400"));
    wrongTypes.forEach(
        (field, values) -> {
          for (String value : values) {
            String tick = "{\"symbol\":\"HOSTILE\",\"price\":1,\"" + field + "\":" + value + "}";
            tick(
                "wrong type",
                tick.replace(
                    "\"symbol\":\"HOSTILE\",\"price\":1,\"symbol\":", "\"price\":1,\"symbol\":"));
          }
        });
    for (String name : HostileValues.badCompanyNames()) {
      tick(
          "hostile company name",
          "{\"symbol\":\"HOSTILE\",\"price\":1,\"companyName\":" + text(name) + "}");
    }
    for (String extra :
        List.of(
            "\"evil\":1",
            "\"$where\":\"1==1\"",
            "\"__proto__\":{\"admin\":true}",
            "\"constructor\":{}",
            "\"x\":[" + "1,".repeat(1000) + "1]")) {
      tick("unknown field", "{\"symbol\":\"HOSTILE\",\"price\":-1," + extra + "}");
    }
    tick("duplicate key", "{\"symbol\":\"A\",\"symbol\":\"B\",\"price\":1}");
    tick("duplicate key", "{\"ticks\":[{\"symbol\":\"A\",\"price\":1,\"price\":2}]}");
    tick(
        "duplicate key",
        "{\"symbol\":\"A\",\"price\":1,\"companyName\":\"x\",\"companyName\":\"y\"}");
    tick("wrong type", "{\"ticks\":[1,\"x\",null,[],{},true]}");
    tick(
        "oversized body",
        IntStream.range(0, 1001)
            .mapToObj(i -> "{\"symbol\":\"HOSTILE\",\"price\":-1}")
            .collect(Collectors.joining(",", "{\"ticks\":[", "]}")));
    tick(
        "oversized body",
        "{\"symbol\":\"HOSTILE\",\"price\":-1,\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
    tick("oversized body", "[" + "1,".repeat(600_000) + "1]");
    record("no token", send("POST", TICKS, null, "{\"symbol\":\"A\",\"price\":1}"), Set.of(401));
    record("no token", send("POST", TICKS, "Bearer", "{}"), Set.of(401));
    record("no token", send("POST", TICKS, "' OR 1=1 --", "{}"), Set.of(401));
  }

  /** A tick body: 400/413 for the whole request, or 200 with nothing accepted. */
  private void tick(String kind, String body) {
    Answer answer = send("POST", TICKS, INGEST_TOKEN, body);
    boolean expected =
        BAD_OR_TOO_LARGE.contains(answer.status()) && answer.isApiError()
            || answer.status() == 200
                && answer.json().path("accepted").asInt(-1) == 0
                && answer.json().path("rejected").size() > 0;
    outcomes.record(kind, answer.status(), expected, body + " → " + answer.body());
  }

  // ---- POST/DELETE /symbols ---------------------------------------------------------------------

  private void symbolAdministration() {
    for (String document : HostileValues.badJson()) {
      record("bad JSON", send("POST", SYMBOLS, ADMIN_TOKEN, document), BAD_OR_TOO_LARGE);
    }
    for (String symbol : HostileValues.symbols()) {
      record(
          "hostile symbol",
          send("POST", SYMBOLS, ADMIN_TOKEN, "{\"symbol\":" + text(symbol) + "}"),
          BAD_REQUEST);
    }
    for (String name : HostileValues.badCompanyNames()) {
      record(
          "hostile company name",
          send(
              "POST",
              SYMBOLS,
              ADMIN_TOKEN,
              "{\"symbol\":\"HOSTILE\",\"companyName\":" + text(name) + "}"),
          BAD_REQUEST);
    }
    for (String value : List.of("1", "[]", "{}", "true", "1e400")) {
      record(
          "wrong type",
          send("POST", SYMBOLS, ADMIN_TOKEN, "{\"symbol\":" + value + "}"),
          BAD_REQUEST);
      record(
          "wrong type",
          send(
              "POST",
              SYMBOLS,
              ADMIN_TOKEN,
              "{\"symbol\":\"HOSTILE\",\"companyName\":" + value + "}"),
          BAD_REQUEST);
      record(
          "wrong type",
          send("POST", SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"HOSTILE\",\"provider\":" + value + "}"),
          BAD_REQUEST);
    }
    record(
        "unknown field",
        send(
            "POST", SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"HOSTILE\",\"provider\":\"nope\",\"x\":1}"),
        BAD_REQUEST);
    record(
        "duplicate key",
        send("POST", SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"A\",\"symbol\":\"B\"}"),
        BAD_REQUEST);
    record(
        "oversized body",
        send(
            "POST",
            SYMBOLS,
            ADMIN_TOKEN,
            "{\"symbol\":\"A\",\"companyName\":\"" + "x".repeat(70_000) + "\"}"),
        Set.of(413));
    record("no token", send("POST", SYMBOLS, INGEST_TOKEN, "{\"symbol\":\"A\"}"), Set.of(403));
    record("no token", send("DELETE", SYMBOLS + "/AAPL", null, null), Set.of(401));
  }

  // ---- symbols in paths and query strings -----------------------------------------------------

  private void symbolsInPathsAndQueries() {
    List<String> encoded = new ArrayList<>();
    HostileValues.symbols().forEach(symbol -> encoded.add(encode(symbol)));
    encoded.addAll(HostileValues.rawEncodedSymbols());
    for (String symbol : encoded) {
      if (symbol.isEmpty() || symbol.equals("%20")) {
        // blank list entries are skipped: ?symbols=AAPL, is a valid request
        raw("hostile symbol", "GET", PRICES + "/" + symbol, null, BAD_OR_MISSING);
        continue;
      }
      raw("hostile symbol", "GET", PRICES + "/" + symbol, null, BAD_OR_MISSING);
      raw("hostile symbol", "GET", PRICES + "/" + symbol + "/history", null, BAD_OR_MISSING);
      raw(
          "hostile symbol",
          "GET",
          PRICES + "/" + symbol + "/candles?interval=1m",
          null,
          BAD_OR_MISSING);
      raw("hostile symbol", "DELETE", SYMBOLS + "/" + symbol, ADMIN_TOKEN, BAD_OR_MISSING);
      raw("hostile symbol", "GET", PRICES + "?symbols=AAPL," + symbol, null, BAD_REQUEST);
      raw(
          "hostile symbol",
          "GET",
          "/api/v1/market-data/stream?symbols=" + symbol,
          null,
          BAD_REQUEST);
      raw("hostile symbol", "GET", "/api/v1/market-data/ws?symbols=" + symbol, null, BAD_REQUEST);
    }
    raw("oversized query", "GET", PRICES + "?symbols=" + "A,".repeat(501) + "B", null, BAD_REQUEST);
    raw("oversized query", "GET", PRICES + "?symbols=" + "A,".repeat(10_000), null, Set.of(414));
  }

  private void queryParameters() {
    String history = PRICES + "/HOSTILE/history?";
    for (String limit :
        List.of("-1", "0", "1001", "abc", "1e3", "", "99999999999999999999", "1.5", "%00")) {
      raw("bad parameter", "GET", history + "limit=" + limit, null, BAD_REQUEST);
      if (!limit.equals("1001")) { // a valid history id
        raw("bad parameter", "GET", history + "before=" + limit, null, BAD_REQUEST);
      }
    }
    for (String time :
        List.of(
            "yesterday",
            "2026-13-01T00:00:00Z",
            "1",
            "%00",
            "2026-11-22T10:15:30",
            "+999999999-12-31T23:59:59Z",
            "2026-11-22T10:15:30Z%00")) {
      raw("bad parameter", "GET", history + "from=" + time, null, BAD_REQUEST);
      raw(
          "bad parameter",
          "GET",
          PRICES + "/HOSTILE/candles?interval=1m&to=" + time,
          null,
          BAD_REQUEST);
    }
    raw(
        "bad parameter",
        "GET",
        history + "from=2026-11-22T10:00:00Z&to=2026-11-21T10:00:00Z",
        null,
        BAD_REQUEST);
    for (String interval : List.of("7m", "1M", "", "1m;DROP", "1000d", "%00", "1m%00", "1s")) {
      raw(
          "bad parameter",
          "GET",
          PRICES + "/HOSTILE/candles?interval=" + interval,
          null,
          BAD_REQUEST);
    }
    for (String since :
        List.of(
            "AAPL",
            "AAPL:",
            "AAPL:-1",
            "AAPL:x",
            ":1",
            "1AAPL:1",
            "AAPL:1%00",
            "AAPL:99999999999999999999",
            "AAPL:1:2")) {
      raw(
          "bad parameter",
          "GET",
          "/api/v1/market-data/stream?symbols=AAPL&since=" + since,
          null,
          BAD_REQUEST);
    }
  }

  // ---- methods, versions, headers, framing ----------------------------------------------------

  private void wrongMethods() {
    List<String> endpoints =
        List.of(
            PRICES + "/AAPL",
            PRICES + "?symbols=AAPL",
            PRICES + "/AAPL/history",
            PRICES + "/AAPL/candles",
            TICKS,
            SYMBOLS,
            SYMBOLS + "/AAPL",
            "/api/v1/providers",
            "/api/v1/admin/metrics",
            "/health/live",
            "/health/ready",
            "/api/v1/market-data/stream",
            "/api/v1/market-data/ws");
    for (String endpoint : endpoints) {
      for (String method : List.of("PUT", "PATCH", "POST", "DELETE")) {
        boolean allowed =
            endpoint.equals(TICKS) && method.equals("POST")
                || endpoint.equals(SYMBOLS) && method.equals("POST")
                || endpoint.equals(SYMBOLS + "/AAPL") && method.equals("DELETE");
        if (!allowed) {
          raw("bad method", method, endpoint, ADMIN_TOKEN, Set.of(404, 405));
        }
      }
    }
  }

  private void rawRequests() {
    Set<Integer> refused = Set.of(400, 404, 405, 411, 413, 414, 431);
    for (String method :
        List.of("BREW", "get", "G\u0000T", "M".repeat(100), "CONNECT", "TRACE", "FOO BAR")) {
      rawText("bad method", method + " /health/live HTTP/1.1\r\nHost: x\r\n\r\n", refused);
    }
    for (String version :
        List.of(
            "HTTP/0.9",
            "HTTP/1.2",
            "HTTP/2.0",
            "HTTP/9.9",
            "HTTX/1.1",
            "HTTP/1.1x",
            "",
            "HTTP/1")) {
      rawText("bad HTTP version", "GET /health/live " + version + "\r\nHost: x\r\n\r\n", refused);
    }
    List<String> malformed =
        List.of(
            "GET /health/live\r\n\r\n",
            "GET  /health/live  HTTP/1.1\r\n\r\n",
            "GET health/live HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /health/live HTTP/1.1\r\nNoColon\r\n\r\n",
            "GET /health/live HTTP/1.1\r\nBad Name: x\r\n\r\n",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n",
            "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /\u00ff HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST " + TICKS + " HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "POST " + TICKS + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
            "POST "
                + TICKS
                + " HTTP/1.1\r\n"
                + "Host: x\r\n"
                + "Content-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n",
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + INGEST_TOKEN
                + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + INGEST_TOKEN
                + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"sym\r\nffffffffffffffffff\r\n",
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + INGEST_TOKEN
                + "\r\nTransfer-Encoding: gzip\r\n\r\n",
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + INGEST_TOKEN
                + "\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd",
            "POST "
                + TICKS
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + INGEST_TOKEN
                + "\r\nContent-Length: 5000000\r\n\r\n{");
    for (String request : malformed) {
      rawText("malformed request", request, refused);
    }
    // no request line to answer: the server may close without a response
    rawText("malformed request", "GET\r\n\r\n", Set.of(0, 400));
    // an obsolete folded header line: RFC 9112 lets a server unfold it, and Akka does
    rawText(
        "malformed request",
        "GET /health/live HTTP/1.1\r\nHost: x\r\nX: a\r\n folded\r\n\r\n",
        Set.of(200, 400));
    StringBuilder manyHeaders = new StringBuilder("GET /health/live HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 100; i++) {
      manyHeaders.append("X-H").append(i).append(": v\r\n");
    }
    rawText("huge headers", manyHeaders + "\r\n", Set.of(400, 431)); // Akka: 400 for too many
    rawText(
        "huge headers",
        "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(10_000) + "\r\n\r\n",
        Set.of(431));
    rawText(
        "huge headers",
        "GET /health/live HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + "t".repeat(10_000)
            + "\r\n\r\n",
        Set.of(431));
    rawText(
        "huge headers",
        "GET /health/live HTTP/1.1\r\nHost: x\r\n" + "X".repeat(200) + ": v\r\n\r\n",
        Set.of(431, 400));
    rawText(
        "huge headers", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", Set.of(414));
  }

  // ---- WebSocket ------------------------------------------------------------------------------

  private void webSocketMessages() throws Exception {
    List<String> messages = new ArrayList<>();
    for (String document : HostileValues.badJson()) {
      if (document.length() < 60_000) {
        messages.add(document);
      }
    }
    for (String symbol : HostileValues.symbols()) {
      messages.add("{\"action\":\"subscribe\",\"symbols\":[" + text(symbol) + "]}");
      messages.add("{\"action\":\"unsubscribe\",\"symbols\":[" + text(symbol) + "]}");
    }
    for (String frequency :
        List.of(
            "0",
            "-1",
            "1e-300",
            "0.0009",
            "\"fast\"",
            "true",
            "[]",
            "{}",
            "null",
            "-1e400",
            "1e-1001")) {
      messages.add(
          "{\"action\":\"subscribe\",\"symbols\":[\"HOSTILE\"],\"maxFrequency\":"
              + frequency
              + "}");
    }
    for (String since :
        List.of(
            "1",
            "[]",
            "{\"HOSTILE\":-1}",
            "{\"HOSTILE\":\"x\"}",
            "{\"HOSTILE\":1.5}",
            "{\"HOSTILE\":1e400}",
            "{\"1BAD\":1}",
            "{\"HOSTILE\":99999999999999999999}",
            "{\"\\ud800\":1}")) {
      messages.add("{\"action\":\"subscribe\",\"symbols\":[\"HOSTILE\"],\"since\":" + since + "}");
    }
    for (String symbols :
        List.of("\"HOSTILE\"", "[]", "{}", "1", "null", "[1]", "[null]", "[[\"A\"]]")) {
      messages.add("{\"action\":\"subscribe\",\"symbols\":" + symbols + "}");
    }
    messages.add(
        "{\"action\":\"subscribe\",\"symbols\":["
            + IntStream.range(0, 1001)
                .mapToObj(i -> "\"S" + i + "\"")
                .collect(Collectors.joining(","))
            + "]}");
    for (String action :
        List.of(
            "\"SUBSCRIBE\"",
            "\"drop\"",
            "1",
            "null",
            "[]",
            "\"\\u0000\"",
            "\"subscribe\\u0000\"")) {
      messages.add("{\"action\":" + action + ",\"symbols\":[\"HOSTILE\"]}");
    }
    messages.add("{\"action\":\"subscribe\",\"action\":\"ping\",\"symbols\":[\"HOSTILE\"]}");
    messages.add("{\"action\":\"ping\",\"id\":\"\\ud800\"}");
    try (WsProbe ws =
        WsProbe.connect(http, URI.create("ws://127.0.0.1:" + port + "/api/v1/market-data/ws"))) {
      for (String message : messages) {
        ws.socket.sendText(escapeNonAscii(message), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = ws.next(Duration.ofSeconds(20));
        boolean expected = reply != null && "error".equals(reply.path("type").asText());
        outcomes.record(
            "WebSocket message",
            expected ? 400 : 0,
            expected,
            message + " → " + (reply == null ? "no reply" : reply.toString()));
      }
      ws.socket
          .sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), true)
          .get(10, TimeUnit.SECONDS);
      JsonNode reply = ws.next(Duration.ofSeconds(20));
      outcomes.record(
          "WebSocket message",
          400,
          reply != null && "error".equals(reply.path("type").asText()),
          "binary → " + reply);
      ws.socket.sendText("{\"action\":\"ping\",\"id\":\"alive\"}", true).get(10, TimeUnit.SECONDS);
      JsonNode pong = ws.next(Duration.ofSeconds(20));
      assertEquals("pong", pong == null ? null : pong.path("type").asText(), String.valueOf(pong));
    }
  }

  private void oversizedWebSocketFrames() throws Exception {
    for (int size : List.of(70_000, 200_000, 1_000_000)) {
      try (WsProbe ws =
          WsProbe.connect(http, URI.create("ws://127.0.0.1:" + port + "/api/v1/market-data/ws"))) {
        ws.socket.sendText("{\"action\":\"ping\",\"id\":\"" + "x".repeat(size) + "\"}", true);
        Integer status = ws.closed.get(30, TimeUnit.SECONDS);
        outcomes.record(
            "oversized frame",
            status == 1009 ? 400 : 0,
            status == 1009,
            size + " → close " + status);
      }
    }
  }

  // ---- slow clients ---------------------------------------------------------------------------

  private void slowClients() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        socket
            .getOutputStream()
            .write(
                "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: "
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        stalled.add(socket);
      }
      // the node serves others while slow clients hold connections
      assertEquals(200, api.get("/health/live").status());
      for (Socket socket : stalled) {
        int read = readUntilClosed(socket.getInputStream());
        outcomes.record("slowloris headers", 408, read >= 0, "stalled headers → " + read);
      }
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
    for (int i = 0; i < 3; i++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST "
                    + TICKS
                    + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + INGEST_TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"sym")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
        outcomes.record(
            "slowloris body",
            answer.status(),
            answer.status() == 408,
            "slow body → " + answer.head());
      }
    }
  }

  /** Bytes read until the server closes (the idle timeout); -1 when it never did. */
  private static int readUntilClosed(InputStream in) {
    int total = 0;
    try {
      byte[] buffer = new byte[1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        total += n;
      }
      return total;
    } catch (java.net.SocketTimeoutException e) {
      return -1;
    } catch (IOException e) {
      return total; // reset by the server: closed too
    }
  }

  // ---- sending and recording ------------------------------------------------------------------

  /** An answer: status, body, and whether the body is API.md's error body. */
  private record Answer(int status, String body) {
    JsonNode json() {
      try {
        JsonNode json = MAPPER.readTree(body);
        return json == null ? MAPPER.createObjectNode() : json;
      } catch (IOException e) {
        return MAPPER.createObjectNode();
      }
    }

    boolean isApiError() {
      JsonNode error = json().path("error");
      return error.path("code").isTextual() && error.path("message").isTextual();
    }
  }

  private static Answer send(String method, String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header(
          "Authorization",
          token.startsWith("Bearer") || token.contains("'") ? token : "Bearer " + token);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(escapeNonAscii(body)));
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(0, "I/O error: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void record(String kind, Answer answer, Set<Integer> allowed) {
    outcomes.record(
        kind,
        answer.status(),
        allowed.contains(answer.status()) && answer.isApiError(),
        answer.body());
  }

  /** A request line with a path as given (raw percent-encodings included), over a plain socket. */
  private static void raw(
      String kind, String method, String path, String token, Set<Integer> allowed) {
    String request =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\n"
            + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
            + (method.equals("GET") || method.equals("DELETE") ? "" : "Content-Length: 0\r\n")
            + "Connection: close\r\n\r\n";
    rawText(kind, request, allowed);
  }

  private static void rawText(String kind, String request, Set<Integer> allowed) {
    RawHttp.Answer answer =
        RawHttp.exchange(port, request.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
    Answer parsed = new Answer(answer.status(), answer.body());
    boolean errorBodyIfError = answer.status() < 400 || parsed.isApiError();
    outcomes.record(
        kind,
        answer.status(),
        allowed.contains(answer.status()) && errorBodyIfError,
        request + " → " + answer.head() + " " + answer.body());
  }

  private static String text(String value) {
    return JsonNodeFactory.instance.textNode(value).toString();
  }

  /**
   * JSON text with every non-ASCII character as a {@code \\uXXXX} escape, so that lone surrogates
   * reach the server as such (UTF-8 encoding on the client would replace them with '?').
   */
  private static String escapeNonAscii(String json) {
    StringBuilder out = new StringBuilder(json.length());
    for (char c : json.toCharArray()) {
      if (c < 0x80) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A bare WebSocket client: replies (heartbeats skipped) and the close status. */
  private static final class WsProbe implements WebSocket.Listener, AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static WsProbe connect(HttpClient http, URI uri) {
      WsProbe probe = new WsProbe();
      probe.socket =
          http.newWebSocketBuilder().buildAsync(uri, probe).orTimeout(60, TimeUnit.SECONDS).join();
      return probe;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = MAPPER.readTree(partial.toString());
          if (!"heartbeat".equals(message.path("type").asText())) {
            replies.add(message);
          }
        } catch (IOException e) {
          replies.add(MAPPER.createObjectNode().put("type", "unparseable"));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }

    JsonNode next(Duration timeout) throws InterruptedException {
      return replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
