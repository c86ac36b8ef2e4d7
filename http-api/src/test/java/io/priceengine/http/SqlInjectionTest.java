package io.priceengine.http;

import static io.priceengine.http.TestEngine.ADMIN_TOKEN;
import static io.priceengine.http.TestEngine.INGEST_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.priceengine.http.ApiClient.Response;
import io.priceengine.http.stream.WsClient;
import io.priceengine.persistence.db.SqlRows;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL in symbols and parameters is refused as input and never reaches the database: every statement
 * binds its parameters, and the symbol grammar leaves no room for SQL anyway.
 */
class SqlInjectionTest {
  private static final List<String> HOSTILE =
      List.of(
          "A'; DROP TABLE x;--",
          "A' OR '1'='1",
          "x; DELETE FROM realtime_symbols",
          "A\"; DROP TABLE x; --",
          "A'/**/OR/**/1=1--",
          "A%27%3B%20DROP%20TABLE%20x%3B--");
  private static final String TABLES =
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'";

  private static TestEngine engine;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    engine = TestEngine.start("sql_injection");
    api = engine.client();
    try (Connection c = DriverManager.getConnection(engine.jdbcUrl(), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE x (id int)");
      s.execute("INSERT INTO x VALUES (1)");
    }
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static String path(String raw) {
    return URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void assertRefused(Response response, Set<String> codes) {
    assertTrue(response.status() == 400 || response.status() == 404, response.body());
    assertTrue(codes.contains(response.errorCode()), response.body());
  }

  @Test
  void sqlInSymbolsIsRefusedEverywhereAndNoTableChanges() {
    List<String> tablesBefore = SqlRows.rows(engine.jdbcUrl(), TABLES);
    Set<String> symbolCodes = Set.of("invalid_symbol", "invalid_request");
    for (String raw : HOSTILE) {
      String encoded = path(raw);
      String prices = "/api/v1/market-data/prices/";
      assertRefused(api.get(prices + encoded), symbolCodes);
      assertRefused(api.get(prices + encoded + "/history"), symbolCodes);
      assertRefused(api.get(prices + encoded + "/candles?interval=1m"), symbolCodes);
      assertRefused(api.get("/api/v1/market-data/prices?symbols=" + encoded), symbolCodes);
      assertRefused(api.get("/api/v1/market-data/stream?symbols=" + encoded), symbolCodes);
      assertRefused(api.delete("/api/v1/symbols/" + encoded, ADMIN_TOKEN), symbolCodes);
      String text = JsonNodeFactory.instance.textNode(raw).toString();
      assertRefused(
          api.post("/api/v1/symbols", ADMIN_TOKEN, "{\"symbol\":" + text + "}"), symbolCodes);
      Response tick =
          api.post(
              "/api/v1/market-data/ticks", INGEST_TOKEN, "{\"symbol\":" + text + ",\"price\":1}");
      assertEquals(200, tick.status(), tick.body());
      assertEquals(0, tick.json().path("accepted").asInt(), tick.body());
      assertEquals("invalid_symbol", tick.json().path("rejected").path(0).path("code").asText());
    }
    for (String parameter : List.of("from", "to", "before", "limit")) {
      assertRefused(
          api.get(
              "/api/v1/market-data/prices/AAPL/history?"
                  + parameter
                  + "="
                  + path("1'; DROP TABLE x;--")),
          Set.of("invalid_request"));
    }
    assertEquals(tablesBefore, SqlRows.rows(engine.jdbcUrl(), TABLES));
    assertEquals(List.of("1"), SqlRows.rows(engine.jdbcUrl(), "SELECT count(*) FROM x"));
    assertEquals(
        List.of("0"),
        SqlRows.rows(
            engine.jdbcUrl(), "SELECT count(*) FROM symbol_universe WHERE symbol LIKE '%''%'"));
  }

  @Test
  void sqlInAWebSocketSubscriptionIsAnInvalidSymbol() {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (WsClient client =
        WsClient.connect(
            http,
            URI.create("ws://127.0.0.1:" + engine.engine().port() + "/api/v1/market-data/ws"))) {
      client.send("{\"action\":\"subscribe\",\"symbols\":[\"A'; DROP TABLE x;--\"]}");
      assertEquals("invalid_symbol", client.next().path("code").asText());
    }
    assertEquals(List.of("1"), SqlRows.rows(engine.jdbcUrl(), "SELECT count(*) FROM x"));
  }
}
