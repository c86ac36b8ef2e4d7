package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default provider moves prices of the shipped universe, prices onboarded symbols at once and
 * stops producing delisted ones.
 */
class SimulatedProviderTest {

  @Test
  void movesPricesFollowsOnboardingAndRespectsDelisting() {
    // A refresh far longer than the deadlines below: onboarding and delisting through this node
    // must reach its providers without waiting for it.
    try (TestEngine engine =
        TestEngine.start(
            "simulated_provider",
            Map.of(
                "price-engine.providers.enabled", "simulated",
                "price-engine.providers.simulated.ticks-per-second", 2000,
                "price-engine.symbol.universe-refresh", "1m"))) {
      ApiClient api = engine.client();
      JsonNode first =
          Polling.await(
              Duration.ofSeconds(20),
              () -> api.get("/api/v1/market-data/prices/AAPL").json(),
              quote ->
                  quote != null && quote.has("historyId") && quote.get("historyId").asLong() >= 1);
      assertEquals("simulated", first.get("provider").asText());
      assertEquals("Apple Inc.", first.get("companyName").asText());
      long seen = first.get("historyId").asLong();
      Polling.await(
          Duration.ofSeconds(20),
          () -> api.get("/api/v1/market-data/prices/AAPL").json().get("historyId").asLong(),
          id -> id > seen + 2);

      String newco = "{\"symbol\":\"NEWCO\"}";
      assertEquals(201, api.post("/api/v1/symbols", TestEngine.ADMIN_TOKEN, newco).status());
      JsonNode onboarded =
          Polling.await(
              Duration.ofSeconds(5),
              () -> api.get("/api/v1/market-data/prices/NEWCO").json(),
              quote ->
                  quote != null && quote.has("historyId") && quote.get("historyId").asLong() >= 1);
      assertEquals("simulated", onboarded.get("provider").asText());

      assertEquals(204, api.delete("/api/v1/symbols/MSFT", TestEngine.ADMIN_TOKEN).status());
      // Ticks already in flight may still land; after that the quote must stop moving.
      // Observed over one-second windows: the last window must see no new history id.
      Polling.await(
          Duration.ofSeconds(10),
          () -> historyIdTwiceApart(api, "MSFT", Duration.ofSeconds(1)),
          pair -> pair[0] == pair[1]);
      assertEquals(
          "inactive", api.get("/api/v1/market-data/prices/MSFT").json().get("status").asText());
      assertTrue(api.get("/api/v1/symbols").json().get("symbols").size() >= 90);
    }
  }

  private static long[] historyIdTwiceApart(ApiClient api, String symbol, Duration apart) {
    long before = api.get("/api/v1/market-data/prices/" + symbol).json().get("historyId").asLong();
    try {
      Thread.sleep(apart.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long after = api.get("/api/v1/market-data/prices/" + symbol).json().get("historyId").asLong();
    return new long[] {before, after};
  }
}
