package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.Route;
import org.junit.jupiter.api.Test;

/**
 * A launcher outside the product (the benchmark's) can serve a route of its own in front of the
 * API; the product itself serves nothing beyond the API.
 */
class ExtraRouteTest {

  @Test
  void servesNothingOutsideTheApiByDefault() {
    try (TestEngine engine = TestEngine.start("extra_route_default")) {
      assertEquals(404, engine.client().get("/bench/constant/AAPL").status());
      assertEquals(200, engine.client().get("/health/live").status());
    }
  }

  @Test
  void servesAnExtraRouteAndLeavesTheApiAsItWas() {
    Route extra =
        Directives.path("extra", () -> Directives.get(() -> Directives.complete("extra route")));
    try (TestEngine engine = TestEngine.startWithRoute("extra_route", extra)) {
      ApiClient.Response response = engine.client().get("/extra");
      assertEquals(200, response.status());
      assertEquals("extra route", response.body());
      assertEquals(
          "symbol_not_found", engine.client().get("/api/v1/market-data/prices/NONE").errorCode());
      assertEquals(200, engine.client().get("/health/live").status());
    }
  }
}
