package io.priceengine.http.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import io.priceengine.http.stream.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} of a real node over HTTP: valid Prometheus text whose counters add up. */
class MetricsEndpointTest {
  private static final String TICKS = "/api/v1/market-data/ticks";
  private static TestEngine engine;
  private static ApiClient api;

  @BeforeAll
  static void start() {
    engine = TestEngine.start("metrics_endpoint");
    api = engine.client();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static PrometheusText scrape() {
    ApiClient.Response response = api.get("/metrics");
    assertEquals(200, response.status(), response.body());
    return new PrometheusText(response.body());
  }

  @Test
  void tickCountersMoveByExactlyWhatWasPushed() {
    PrometheusText before = scrape();
    String accepted =
        java.util.stream.IntStream.range(0, 10)
            .mapToObj(i -> "{\"symbol\":\"MET" + i + "\",\"price\":" + (10 + i) + "}")
            .collect(Collectors.joining(","));
    String stale =
        "{\"symbol\":\"MET0\",\"price\":5,\"sourceTimestamp\":\""
            + Instant.now().minusSeconds(3600)
            + "\"}";
    String invalid = "{\"symbol\":\"MET1\",\"price\":-1},{\"symbol\":\"MET2\",\"price\":0}";
    assertEquals(
        10,
        api.post(TICKS, TestEngine.INGEST_TOKEN, "{\"ticks\":[" + accepted + "]}")
            .json()
            .get("accepted")
            .asInt());
    ApiClient.Response refused =
        api.post(TICKS, TestEngine.INGEST_TOKEN, "{\"ticks\":[" + stale + "," + invalid + "]}");
    assertEquals(3, refused.json().get("rejected").size(), refused.body());

    PrometheusText after = scrape();
    assertEquals(10, delta(before, after, "price_engine_ticks_accepted_total", "provider", "push"));
    assertEquals(
        1,
        delta(
            before,
            after,
            "price_engine_ticks_rejected_total",
            "provider",
            "push",
            "code",
            "stale_tick"));
    assertEquals(
        2,
        delta(
            before,
            after,
            "price_engine_ticks_rejected_total",
            "provider",
            "push",
            "code",
            "invalid_price"));
    assertEquals(
        10, delta(before, after, "price_engine_tick_persist_seconds_count", "outcome", "accepted"));
    assertEquals(0, delta(before, after, "price_engine_ticks_failed_total", "provider", "push"));
  }

  @Test
  void requestLatencyIsByRouteTemplateNeverByRawPath() {
    api.post(TICKS, TestEngine.INGEST_TOKEN, "{\"symbol\":\"TPLA\",\"price\":1}");
    for (String symbol : Set.of("TPLA", "TPLB", "TPLC")) {
      api.get("/api/v1/market-data/prices/" + symbol);
    }
    api.get("/no/such/path/" + "x".repeat(20));
    PrometheusText metrics = scrape();

    assertEquals(
        1,
        metrics.value(
            "http_server_requests_seconds_count",
            "route",
            "/api/v1/market-data/prices/{symbol}",
            "status",
            "200"));
    assertEquals(
        2,
        metrics.value(
            "http_server_requests_seconds_count",
            "route",
            "/api/v1/market-data/prices/{symbol}",
            "status",
            "404"));
    assertEquals(
        1,
        metrics.value("http_server_requests_seconds_count", "route", "unmatched", "status", "404"));
    assertFalse(
        metrics.samples().keySet().stream().anyMatch(s -> s.contains("TPL") || s.contains("xxxx")),
        "a raw path leaked into a label");
  }

  @Test
  void exposesJvmProjectionAndStreamMeters() throws Exception {
    PrometheusText before = scrape();
    api.post(TICKS, TestEngine.INGEST_TOKEN, "{\"symbol\":\"WSMET\",\"price\":1}");
    try (WsClient ws =
        WsClient.connect(
            HttpClient.newHttpClient(),
            URI.create(
                api.baseUrl().replace("http", "ws") + "/api/v1/market-data/ws?symbols=WSMET"))) {
      Polling.await(
          Duration.ofSeconds(10),
          () -> scrape().value("price_engine_stream_sessions", "transport", "websocket"),
          open -> open == 1);
      Polling.await(
          Duration.ofSeconds(10),
          () ->
              delta(
                  before,
                  scrape(),
                  "price_engine_stream_quotes_sent_total",
                  "transport",
                  "websocket"),
          sent -> sent >= 1);
    }
    PrometheusText metrics = scrape();
    assertTrue(metrics.has("jvm_memory_used_bytes"));
    assertTrue(
        metrics.has("jvm_gc_pause_seconds_count")
            || metrics.has("jvm_gc_memory_allocated_bytes_total"));
    assertTrue(metrics.has("jvm_threads_live_threads"));
    assertTrue(metrics.has("price_engine_stream_quotes_conflated_total"));
    assertTrue(metrics.has("price_engine_projection_lag_seconds"));
    double lag = metrics.value("price_engine_projection_lag_seconds");
    assertTrue(lag >= 0, "projection lag " + lag);
  }

  private static double delta(
      PrometheusText before, PrometheusText after, String name, String... labels) {
    return after.value(name, labels) - before.value(name, labels);
  }
}
