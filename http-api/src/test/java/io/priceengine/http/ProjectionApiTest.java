package io.priceengine.http;

import static io.priceengine.http.TestEngine.ADMIN_TOKEN;
import static io.priceengine.http.TestEngine.INGEST_TOKEN;
import static io.priceengine.persistence.db.SqlRows.count;
import static io.priceengine.persistence.db.SqlRows.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection seen through the real application: what pushed ticks leave in PostgreSQL, and the
 * history, candle and admin metrics endpoints of API.md that read it back.
 */
class ProjectionApiTest {
  private static final String TICKS = "/api/v1/market-data/ticks";
  private static final String PRICES = "/api/v1/market-data/prices";
  private static final String METRICS = "/api/v1/admin/metrics";
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private static TestEngine engine;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    engine = TestEngine.start("projection_api");
    api = engine.client();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void theQuoteTheDailyRowAndTheDailyCandleAgreeOnTheSession() {
    Instant yesterday =
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(1));
    Instant dayBefore = yesterday.minus(Duration.ofDays(1));
    String ticks =
        String.join(
            ",",
            sessionTick(dayBefore.plusSeconds(36_000), "100", ""),
            sessionTick(dayBefore.plusSeconds(54_000), "104", ""),
            sessionTick(yesterday.plusSeconds(32_400), "101", ""),
            // the provider sends the session's high itself: it wins over the derived one
            sessionTick(yesterday.plusSeconds(36_000), "103", ",\"high\":105"),
            sessionTick(yesterday.plusSeconds(39_600), "99", ""),
            sessionTick(yesterday.plusSeconds(43_200), "102", ""));
    assertEquals(
        6,
        api.post(TICKS, INGEST_TOKEN, "{\"ticks\":[" + ticks + "]}")
            .json()
            .get("accepted")
            .asInt());

    JsonNode quote = api.get(PRICES + "/SESS").json();
    List<String> expected = List.of("101", "105", "99", "102");
    assertEquals(
        expected,
        List.of(
            quote.get("open").asText(),
            quote.get("high").asText(),
            quote.get("low").asText(),
            quote.get("price").asText()));
    assertEquals("104", quote.get("previousClose").asText());
    assertEquals("-2", quote.get("change").asText());
    assertEquals("-1.9231", quote.get("changePercent").asText());

    String day = yesterday.toString().substring(0, 10);
    List<String> dailyRow =
        Polling.await(
            SETTLE,
            () ->
                rows(
                    engine.jdbcUrl(),
                    "SELECT trim_scale(open), trim_scale(high), trim_scale(low), trim_scale(close)"
                        + " FROM market_data_cache WHERE symbol = 'SESS' AND date = ?::date",
                    day),
            r -> r.equals(List.of(String.join(" ", expected))));
    assertEquals(List.of(String.join(" ", expected)), dailyRow);

    JsonNode candles =
        api.get(
                PRICES
                    + "/SESS/candles?interval=1d&from="
                    + dayBefore
                    + "&to="
                    + yesterday.plus(Duration.ofDays(1)))
            .json()
            .get("candles");
    assertEquals(2, candles.size(), candles.toString());
    JsonNode session = candles.get(1);
    assertEquals(yesterday.toString().replace("Z", ".000Z"), session.get("start").asText());
    assertEquals(
        expected,
        List.of(
            session.get("open").asText(),
            session.get("high").asText(),
            session.get("low").asText(),
            session.get("close").asText()));
  }

  private static String sessionTick(Instant at, String price, String extra) {
    return "{\"symbol\":\"SESS\",\"price\":"
        + price
        + ",\"sourceTimestamp\":\""
        + at
        + "\""
        + extra
        + "}";
  }

  @Test
  void everyAcceptedTickIsOneHistoryRowAndTheMasterRowEqualsTheQuote() {
    List<String> symbols = IntStream.range(0, 40).mapToObj(i -> "EX" + i).toList();
    long accepted = 0;
    for (int round = 1; round <= 10; round++) {
      int r = round;
      String body =
          symbols.stream()
              .map(s -> "{\"symbol\":\"" + s + "\",\"price\":" + r + "." + s.length() + "1}")
              .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
      accepted += api.post(TICKS, INGEST_TOKEN, body).json().get("accepted").asLong();
    }
    assertEquals(400, accepted);
    awaitProjected();
    assertEquals(
        accepted,
        count(
            engine.jdbcUrl(),
            "SELECT count(*) FROM realtime_price_history WHERE symbol LIKE 'EX%'"));

    for (String symbol : symbols) {
      JsonNode quote = api.get(PRICES + "/" + symbol).json();
      String price = quote.get("price").decimalValue().stripTrailingZeros().toPlainString();
      long historyId = quote.get("historyId").asLong();
      assertEquals(
          List.of(price + " " + historyId + " " + price),
          rows(
              engine.jdbcUrl(),
              "SELECT trim_scale(m.current_price), m.latest_history_id, trim_scale(h.price)"
                  + " FROM realtime_symbols m JOIN realtime_price_history h"
                  + " ON h.symbol = m.symbol AND h.history_id = m.latest_history_id"
                  + " WHERE m.symbol = ?",
              symbol));
    }
  }

  @Test
  void dailyBarsOfAKnownSequenceIgnoreStaleTicksAndSplitAtUtcMidnight() {
    List<String> codes = new ArrayList<>();
    for (String tick :
        List.of(
            tick("OHLC", "100.00", 1000, "2026-11-20T23:59:00Z"),
            tick("OHLC", "102.50", 1500, "2026-11-20T23:59:30Z"),
            tick("OHLC", "150.00", 1550, "2026-11-20T23:58:00Z"), // older: stale
            tick("OHLC", "99.25", 1600, "2026-11-20T23:59:59.999Z"),
            tick("OHLC", "98.00", 10, "2026-11-21T00:00:00Z"),
            tick("OHLC", "1.00", 20, "2026-11-20T23:59:59.000Z"), // older: stale
            tick("OHLC", "97.50", 30, "2026-11-21T00:00:05Z"),
            "{\"symbol\":\"OHLC\",\"price\":101,\"sourceTimestamp\":\"2026-11-21T00:01:00Z\"}")) {
      JsonNode reply = api.post(TICKS, INGEST_TOKEN, tick).json();
      codes.add(
          reply.get("rejected").isEmpty()
              ? "ok"
              : reply.get("rejected").get(0).get("code").asText());
    }
    assertEquals(List.of("ok", "ok", "stale_tick", "ok", "ok", "stale_tick", "ok", "ok"), codes);
    awaitProjected();

    assertEquals(
        List.of("2026-11-20 100 102.5 99.25 99.25 1600 push", "2026-11-21 98 101 97.5 101 30 push"),
        rows(
            engine.jdbcUrl(),
            "SELECT date, trim_scale(open), trim_scale(high), trim_scale(low), trim_scale(close),"
                + " volume, data_source FROM market_data_cache WHERE symbol = 'OHLC' ORDER BY"
                + " date"));
  }

  @Test
  void historyPagesNewestFirstAndReturnsEachRowOnce() {
    Instant base = Instant.parse("2026-11-22T10:00:00Z");
    for (int from = 1; from <= 250; from += 100) {
      String body =
          IntStream.rangeClosed(from, Math.min(from + 99, 250))
              .mapToObj(i -> tick("HIST", i + ".125", i * 10L, base.plusSeconds(i).toString()))
              .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
      api.post(TICKS, INGEST_TOKEN, body);
    }
    awaitProjected();

    Set<Long> seen = new HashSet<>();
    String next = "";
    int pages = 0;
    long previous = Long.MAX_VALUE;
    while (next != null) {
      Response page = api.get(PRICES + "/hist/history?limit=100" + next);
      assertEquals(200, page.status(), page.body());
      assertEquals("HIST", page.json().get("symbol").asText());
      for (JsonNode item : page.json().get("items")) {
        long id = item.get("historyId").asLong();
        assertTrue(id < previous, "newest first");
        assertTrue(seen.add(id), "each row once");
        previous = id;
      }
      pages++;
      JsonNode nextBefore = page.json().get("nextBefore");
      next = nextBefore.isNull() ? null : "&before=" + nextBefore.asLong();
    }
    assertEquals(3, pages);
    assertEquals(250, seen.size());

    Response window =
        api.get(PRICES + "/HIST/history?from=2026-11-22T10:01:40Z&to=2026-11-22T10:01:42Z&limit=5");
    assertEquals(
        // the row holds the session statistics the entity derived: what the quote showed
        "{\"historyId\":101,\"price\":101.125,\"volume\":1010,\"open\":1.125,"
            + "\"high\":101.125,\"low\":1.125,\"previousClose\":null,"
            + "\"sourceTimestamp\":\"2026-11-22T10:01:41.000Z\","
            + "\"fetchedAt\":\""
            + window.json().get("items").get(0).get("fetchedAt").asText()
            + "\",\"provider\":\"push\"}",
        window.json().get("items").get(0).toString());
    assertEquals(100, window.json().get("items").get(1).get("historyId").asLong());
    assertEquals(2, window.json().get("items").size());
    assertTrue(window.json().get("nextBefore").isNull());
  }

  @Test
  void candlesOfAKnownSequenceMatchHandComputedValues() {
    String body =
        List.of(
                tick("CNDL", "10", 100, "2026-11-22T10:00:05Z"),
                tick("CNDL", "10.5", 150, "2026-11-22T10:00:30Z"),
                tick("CNDL", "9.75", 180, "2026-11-22T10:00:59.999Z"),
                tick("CNDL", "11", 300, "2026-11-22T10:03:10Z"))
            .stream()
            .collect(Collectors.joining(",", "{\"ticks\":[", "]}"));
    assertEquals(4, api.post(TICKS, INGEST_TOKEN, body).json().get("accepted").asInt());
    awaitProjected();

    Response candles =
        api.get(
            PRICES + "/CNDL/candles?interval=1m&from=2026-11-22T10:00:00Z&to=2026-11-22T10:05:00Z");
    assertEquals(200, candles.status(), candles.body());
    assertEquals(
        "{\"symbol\":\"CNDL\",\"interval\":\"1m\",\"candles\":["
            + "{\"start\":\"2026-11-22T10:00:00.000Z\",\"open\":10,\"high\":10.5,\"low\":9.75,"
            + "\"close\":9.75,\"volume\":180,\"ticks\":3},"
            + "{\"start\":\"2026-11-22T10:03:00.000Z\",\"open\":11,\"high\":11,\"low\":11,"
            + "\"close\":11,\"volume\":120,\"ticks\":1}]}",
        candles.body());
    Response daily =
        api.get(
            PRICES + "/CNDL/candles?interval=1d&from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z");
    assertEquals(
        "[{\"start\":\"2026-11-22T00:00:00.000Z\",\"open\":10,\"high\":11,\"low\":9.75,"
            + "\"close\":11,\"volume\":300,\"ticks\":4}]",
        daily.json().get("candles").toString());
  }

  @Test
  void readsOfSymbolsWithoutHistoryAreEmptyAndBadParametersAre400() {
    Response none = api.get(PRICES + "/NEVERSEEN/history");
    assertEquals(200, none.status(), none.body());
    assertEquals(0, none.json().get("items").size());
    assertTrue(none.json().get("nextBefore").isNull());
    Response noCandles = api.get(PRICES + "/NEVERSEEN/candles?interval=1h");
    assertEquals(200, noCandles.status(), noCandles.body());
    assertEquals(0, noCandles.json().get("candles").size());

    for (String query :
        List.of(
            "/HIST/history?limit=0",
            "/HIST/history?limit=1001",
            "/HIST/history?limit=ten",
            "/HIST/history?before=0",
            "/HIST/history?before=99999999999999999999",
            "/HIST/history?from=yesterday",
            "/HIST/history?from=2026-11-22T10:00:00Z&to=2026-11-22T10:00:00Z",
            "/HIST/history?to=%2B1000000000-01-01T00:00:00Z",
            "/HIST/candles?interval=2m",
            "/HIST/candles?interval=1m&from=2026-11-01T00:00:00Z&to=2026-11-22T00:00:00Z",
            "/HIST/candles?from=2026-11-22T10:00:00Zjunk")) {
      assertError(api.get(PRICES + query), 400, "invalid_request");
    }
    assertError(api.get(PRICES + "/1BAD/history"), 400, "invalid_symbol");
    assertError(api.get(PRICES + "/1BAD/candles"), 400, "invalid_symbol");
    assertError(api.delete(PRICES + "/HIST/history", ADMIN_TOKEN), 405, "invalid_request");
  }

  @Test
  void adminMetricsNeedTheAdminTokenAndCarryTheApiFields() {
    assertError(api.get(METRICS), 401, "unauthorized");
    assertError(api.get(METRICS, INGEST_TOKEN), 403, "forbidden");
    api.post(
        TICKS,
        INGEST_TOKEN,
        "{\"ticks\":[{\"symbol\":\"MET\",\"price\":5},{\"symbol\":\"1X\",\"price\":1}]}");

    Response metrics = api.get(METRICS, ADMIN_TOKEN);
    assertEquals(200, metrics.status(), metrics.body());
    List<String> fields = new ArrayList<>();
    for (Iterator<String> names = metrics.json().fieldNames(); names.hasNext(); ) {
      fields.add(names.next());
    }
    assertEquals(
        List.of(
            "totalSymbols",
            "activeSymbols",
            "averagePrice",
            "ticksAccepted",
            "ticksRejected",
            "webSocketSessions",
            "sseSessions",
            "projectionLagMillis"),
        fields);
    JsonNode m = metrics.json();
    assertTrue(m.get("ticksAccepted").asLong() >= 1);
    assertTrue(m.get("ticksRejected").asLong() >= 1);
    assertEquals(0, m.get("webSocketSessions").asLong());
    assertEquals(0, m.get("sseSessions").asLong());

    awaitProjected();
    JsonNode settled = api.get(METRICS, ADMIN_TOKEN).json();
    assertEquals(
        List.of(
            settled.get("totalSymbols").asText()
                + " "
                + settled.get("activeSymbols").asText()
                + " "
                + settled.get("averagePrice").decimalValue().stripTrailingZeros().toPlainString()),
        rows(
            engine.jdbcUrl(),
            "SELECT count(*), count(*) FILTER (WHERE status = 'active'),"
                + " (SELECT trim_scale(round(avg(current_price), 4)) FROM realtime_symbols)"
                + " FROM symbol_universe"));
    assertTrue(settled.get("totalSymbols").asLong() >= 1, settled.toString());
  }

  @Test
  void readinessIncludesTheProjection() {
    Response ready = api.get("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertEquals("up", ready.json().get("checks").get("projection").asText());
  }

  /** Waits until the projection reports no lag and every accepted tick is a history row. */
  private static void awaitProjected() {
    Polling.await(
        SETTLE,
        () -> api.get(METRICS, ADMIN_TOKEN).json().get("projectionLagMillis").asLong(),
        lag -> lag == 0);
  }

  private static String tick(String symbol, String price, long volume, String sourceTimestamp) {
    return "{\"symbol\":\""
        + symbol
        + "\",\"price\":"
        + price
        + ",\"volume\":"
        + volume
        + ",\"sourceTimestamp\":\""
        + sourceTimestamp
        + "\"}";
  }

  private static void assertError(Response response, int status, String code) {
    assertEquals(status, response.status(), response.body());
    assertEquals(code, response.errorCode(), response.body());
  }
}
