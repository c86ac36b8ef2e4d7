package io.priceengine.http;

import static io.priceengine.http.TestEngine.ADMIN_TOKEN;
import static io.priceengine.http.TestEngine.INGEST_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST contract of API.md, checked over HTTP against a real node. */
class HttpContractTest {
  private static final String TICKS = "/api/v1/market-data/ticks";
  private static final String PRICES = "/api/v1/market-data/prices";
  private static final String SYMBOLS = "/api/v1/symbols";

  private static TestEngine engine;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    engine = TestEngine.start("http_contract");
    api = engine.client();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static void assertError(Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    assertEquals(code, response.errorCode(), response.body());
    assertNotNull(response.json().path("error").path("message").asText(null), response.body());
  }

  private static String tick(String symbol, String price) {
    return "{\"symbol\":\"" + symbol + "\",\"price\":" + price + "}";
  }

  @Test
  void pushedTickIsReadableWithExactDecimalsAndHistoryId() {
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Response pushed =
        api.post(
            TICKS,
            INGEST_TOKEN,
            "{\"symbol\":\"aapl\",\"price\":189.2500,\"volume\":1200,\"open\":188.1,\"high\":190,"
                + "\"low\":187.9,\"previousClose\":187.5,\"sourceTimestamp\":\""
                + at
                + "\","
                + "\"companyName\":\"Apple Inc.\"}");
    assertEquals(200, pushed.status(), pushed.body());
    assertEquals(1, pushed.json().get("accepted").asInt());
    assertEquals(0, pushed.json().get("rejected").size());

    Response quote = api.get(PRICES + "/AAPL");
    assertEquals(200, quote.status());
    JsonNode q = quote.json();
    assertEquals("AAPL", q.get("symbol").asText());
    assertTrue(quote.body().contains("\"price\":189.25"), quote.body());
    assertEquals(1200, q.get("volume").asLong());
    assertTrue(quote.body().contains("\"high\":190,"), quote.body());
    assertEquals(
        at.toString().replace("Z", ""),
        q.get("sourceTimestamp").asText().replace("Z", "").replaceAll("\\.000$", ""));
    assertTrue(
        q.get("lastUpdated")
            .asText()
            .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    assertEquals("push", q.get("provider").asText());
    assertEquals(1, q.get("historyId").asLong());
    assertEquals("Apple Inc.", q.get("companyName").asText());
    assertFalse(q.get("stale").asBoolean());
    assertEquals("active", q.get("status").asText());
  }

  @Test
  void batchReportsEachRejectedTickByIndex() {
    String body =
        "{\"ticks\":["
            + tick("BATCH1", "10.5")
            + ","
            + tick("BAD SYM", "1")
            + ","
            + tick("BATCH2", "0")
            + ","
            + tick("BATCH3", "1.23456")
            + ","
            + "{\"symbol\":\"BATCH4\"},"
            + "{\"symbol\":\"BATCH5\",\"price\":\"NaN\"},"
            + "{\"symbol\":\"BATCH6\",\"price\":5,\"provider\":\"nobody\"},"
            + "{\"symbol\":\"BATCH7\",\"price\":5,\"sourceTimestamp\":\"yesterday\"},"
            + "42,"
            + tick("BATCH8", "99999999999.9999")
            + ","
            + tick("BATCH9", "100000000000")
            + ","
            + tick("BATCH10", "1e400")
            + ","
            + "{\"symbol\":\"BATCH11\",\"price\":1,\"sourceTimestamp\":\"-999999999-01-01T00:00:00Z\"}"
            + "]}";
    Response response = api.post(TICKS, INGEST_TOKEN, body);
    assertEquals(200, response.status(), response.body());
    assertEquals(2, response.json().get("accepted").asInt());
    List<String> rejected = new ArrayList<>();
    response
        .json()
        .get("rejected")
        .forEach(r -> rejected.add(r.get("index").asInt() + ":" + r.get("code").asText()));
    assertEquals(
        List.of(
            "1:invalid_symbol",
            "2:invalid_price",
            "3:invalid_price",
            "4:invalid_price",
            "5:invalid_price",
            "6:invalid_request",
            "7:invalid_request",
            "8:invalid_request",
            "10:invalid_price",
            "11:invalid_price",
            "12:invalid_request"),
        rejected);
    assertEquals(200, api.get(PRICES + "/BATCH8").status());
    assertEquals(404, api.get(PRICES + "/BATCH2").status());
  }

  @Test
  void rejectsTickOlderThanCurrentQuote() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String fresh = "{\"symbol\":\"STALE\",\"price\":2,\"sourceTimestamp\":\"" + now + "\"}";
    String older =
        "{\"symbol\":\"STALE\",\"price\":3,\"sourceTimestamp\":\"" + now.minusSeconds(1) + "\"}";
    assertEquals(1, api.post(TICKS, INGEST_TOKEN, fresh).json().get("accepted").asInt());
    Response response = api.post(TICKS, INGEST_TOKEN, older);
    assertEquals(0, response.json().get("accepted").asInt());
    assertEquals("stale_tick", response.json().get("rejected").get(0).get("code").asText());
    assertTrue(api.get(PRICES + "/STALE").body().contains("\"price\":2,"));
  }

  @Test
  void ingestNeedsTheIngestOrAdminToken() {
    assertError(api.post(TICKS, null, tick("AUTH", "1")), 401, "unauthorized");
    assertError(api.post(TICKS, "wrong", tick("AUTH", "1")), 401, "unauthorized");
    assertEquals(200, api.post(TICKS, ADMIN_TOKEN, tick("AUTH", "1")).status());
  }

  @Test
  void malformedBodiesAreBadRequests() {
    assertError(api.post(TICKS, INGEST_TOKEN, "{\"symbol\":"), 400, "invalid_request");
    assertError(api.post(TICKS, INGEST_TOKEN, "[1,2]"), 400, "invalid_request");
    assertError(api.post(TICKS, INGEST_TOKEN, "{\"ticks\":5}"), 400, "invalid_request");
    assertError(
        api.post(TICKS, INGEST_TOKEN, "{\"symbol\":\"DUP\",\"price\":1,\"price\":2}"),
        400,
        "invalid_request");
    assertError(
        api.post(TICKS, INGEST_TOKEN, "{\"symbol\":\"HUGE\",\"price\":1" + "0".repeat(200) + "}"),
        400,
        "invalid_request");
  }

  @Test
  void oversizedRequestsAreRefused() {
    String tooMany =
        IntStream.range(0, 1001)
            .mapToObj(i -> tick("MANY" + i, "1"))
            .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
    assertError(api.post(TICKS, INGEST_TOKEN, tooMany), 413, "payload_too_large");
    String tooBig =
        "{\"symbol\":\"BIG\",\"price\":1,\"companyName\":\"" + "x".repeat(1_100_000) + "\"}";
    assertError(api.post(TICKS, INGEST_TOKEN, tooBig), 413, "payload_too_large");
  }

  @Test
  void singleQuoteErrors() {
    assertError(api.get(PRICES + "/NOSUCH"), 404, "symbol_not_found");
    assertError(api.get(PRICES + "/1ABC"), 400, "invalid_symbol");
    assertError(api.get(PRICES + "/ABCDEFGHIJK"), 400, "invalid_symbol");
    assertError(api.get(PRICES + "/A%27%3B"), 400, "invalid_symbol");
  }

  @Test
  void bulkQuotesKeepRequestOrderAndListMissing() {
    api.post(
        TICKS, INGEST_TOKEN, "{\"ticks\":[" + tick("BULKA", "1") + "," + tick("BULKB", "2") + "]}");
    Response response = api.get(PRICES + "?symbols=bulkb,NOPE,BULKA");
    assertEquals(200, response.status(), response.body());
    JsonNode quotes = response.json().get("quotes");
    assertEquals("BULKB", quotes.get(0).get("symbol").asText());
    assertEquals("BULKA", quotes.get(1).get("symbol").asText());
    assertEquals("NOPE", response.json().get("missing").get(0).asText());
  }

  @Test
  void bulkQuoteErrors() {
    assertError(api.get(PRICES), 400, "invalid_request");
    assertError(api.get(PRICES + "?symbols=AAPL,%24%24"), 400, "invalid_symbol");
    String many = IntStream.range(0, 501).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
    assertError(api.get(PRICES + "?symbols=" + many), 400, "too_many_symbols");
  }

  @Test
  void symbolsCanBeOnboardedListedAndDelisted() {
    Response created =
        api.post(SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"onb\",\"companyName\":\"Onboard Corp\"}");
    assertEquals(201, created.status(), created.body());
    assertEquals("ONB", created.json().get("symbol").asText());
    assertEquals("active", created.json().get("status").asText());
    assertEquals("api", created.json().get("addedSource").asText());
    assertEquals(200, api.post(SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"ONB\"}").status());

    api.post(TICKS, INGEST_TOKEN, tick("ONB", "42"));
    Polling.await(
        java.time.Duration.ofSeconds(10),
        () -> {
          JsonNode symbols = api.get(SYMBOLS).json().get("symbols");
          JsonNode onb = null;
          for (JsonNode s : symbols) {
            if (s.get("symbol").asText().equals("ONB")) {
              onb = s;
            }
          }
          assertNotNull(onb, "ONB listed");
          assertEquals("Onboard Corp", onb.get("companyName").asText());
          assertEquals("push", onb.get("provider").asText());
          assertTrue(onb.hasNonNull("lastPriceAt"));
          assertTrue(onb.hasNonNull("createdAt"));
        });

    assertEquals(204, api.delete(SYMBOLS + "/ONB", ADMIN_TOKEN).status());
    Response quote = api.get(PRICES + "/ONB");
    assertEquals(200, quote.status());
    assertEquals("inactive", quote.json().get("status").asText());
    assertEquals(201, api.post(SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"ONB\"}").status());
  }

  @Test
  void symbolAdministrationErrors() {
    assertError(api.post(SYMBOLS, null, "{\"symbol\":\"X\"}"), 401, "unauthorized");
    assertError(api.post(SYMBOLS, INGEST_TOKEN, "{\"symbol\":\"X\"}"), 403, "forbidden");
    assertError(api.delete(SYMBOLS + "/X", INGEST_TOKEN), 403, "forbidden");
    assertError(api.post(SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"B@D\"}"), 400, "invalid_symbol");
    assertError(api.post(SYMBOLS, ADMIN_TOKEN, "{\"companyName\":\"x\"}"), 400, "invalid_request");
    assertError(api.post(SYMBOLS, ADMIN_TOKEN, "{oops"), 400, "invalid_request");
    assertError(
        api.post(SYMBOLS, ADMIN_TOKEN, "{\"symbol\":\"OK\",\"provider\":\"nobody\"}"),
        400,
        "invalid_request");
    assertError(api.delete(SYMBOLS + "/NEVERSEEN", ADMIN_TOKEN), 404, "symbol_not_found");
  }

  @Test
  void unknownPathsAndMethodsGetErrorBodies() {
    assertError(api.get("/api/v1/nothing-here"), 404, "invalid_request");
    assertError(api.delete(PRICES + "/AAPL", ADMIN_TOKEN), 405, "invalid_request");
  }

  @Test
  void healthEndpoints() {
    Response live = api.get("/health/live");
    assertEquals(200, live.status());
    assertEquals("up", live.json().get("status").asText());
    Response ready = api.get("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertEquals("up", ready.json().get("checks").get("database").asText());
    assertEquals("up", ready.json().get("checks").get("cluster").asText());
  }
}
