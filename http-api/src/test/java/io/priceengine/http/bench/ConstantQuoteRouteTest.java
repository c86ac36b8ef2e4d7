package io.priceengine.http.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.priceengine.http.ApiClient;
import io.priceengine.http.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's constant route exists only on a node started with bench routes on. */
class ConstantQuoteRouteTest {

  @Test
  void isAbsentByDefault() {
    try (TestEngine engine = TestEngine.start("constant_route_default")) {
      ApiClient.Response response = engine.client().get("/bench/constant/AAPL");
      assertEquals(404, response.status());
      assertEquals(200, engine.client().get("/health/live").status());
    }
  }

  @Test
  void answersAConstantQuoteWhenEnabledAndLeavesTheApiAsItWas() {
    try (TestEngine engine =
        TestEngine.start(
            "constant_route_enabled", Map.of("price-engine.http.bench-routes", true))) {
      ApiClient.Response constant = engine.client().get("/bench/constant/MSFT");
      assertEquals(200, constant.status());
      assertEquals("AAPL", constant.json().get("symbol").asText());
      assertEquals(
          "symbol_not_found", engine.client().get("/api/v1/market-data/prices/NONE").errorCode());
    }
  }
}
