package io.priceengine.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.http.ApiClient;
import io.priceengine.http.Polling;
import io.priceengine.http.TestEngine;
import io.priceengine.http.upstream.FakeQuoteServer.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two providers for one symbol (docs/architecture.md, "Staleness and failover"): the WebSocket feed
 * (priority 10) owns the quote while it is fresh, the poller (priority 30) takes over once it is
 * stale, and the feed takes it back as soon as it speaks again.
 */
class FailoverTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void primaryThenSecondaryWhilePrimaryIsStaleThenPrimaryAgain() {
    try (FakeWsUpstream feed = new FakeWsUpstream("secret");
        FakeQuoteServer poller = new FakeQuoteServer()) {
      poller.answer(
          symbol ->
              Answer.ok(
                  "{\"symbol\":\""
                      + symbol
                      + "\",\"price\":50,\"timestamp\":"
                      + System.currentTimeMillis()
                      + "}"));
      try (TestEngine engine =
          TestEngine.start(
              "failover",
              Map.of(
                  "price-engine.providers.enabled", "upstream-ws,http-poll",
                  "price-engine.providers.catalog.upstream-ws.stale-after", "2s",
                  "price-engine.providers.upstream-ws.url", feed.url(),
                  "price-engine.providers.upstream-ws.token", "secret",
                  "price-engine.providers.upstream-ws.symbols", "FAIL",
                  "price-engine.providers.upstream-ws.subscription-refresh", "200ms",
                  "price-engine.providers.http-poll.url", poller.urlTemplate(),
                  "price-engine.providers.http-poll.symbols", "FAIL",
                  "price-engine.providers.http-poll.interval", "200ms"))) {
        ApiClient api = engine.client();
        Polling.await(WAIT, () -> assertTrue(!feed.connections().isEmpty()));
        Polling.await(
            WAIT,
            () ->
                assertTrue(
                    feed.latest()
                        .received()
                        .contains("{\"type\":\"subscribe\",\"symbol\":\"FAIL\"}")));

        feed.send(UpstreamWsProviderTest.trades(UpstreamWsProviderTest.trade("FAIL", "100")));
        JsonNode primary = awaitProvider(api, "upstream-ws");
        assertEquals("100", primary.get("price").asText());

        // The feed goes quiet; once its quote is older than 2 s the poller's ticks count.
        JsonNode secondary = awaitProvider(api, "http-poll");
        assertEquals("50", secondary.get("price").asText());
        assertTrue(secondary.get("historyId").asLong() > primary.get("historyId").asLong());

        feed.send(UpstreamWsProviderTest.trades(UpstreamWsProviderTest.trade("FAIL", "101")));
        JsonNode back = awaitProvider(api, "upstream-ws");
        assertEquals("101", back.get("price").asText());
      }
    }
  }

  private static JsonNode awaitProvider(ApiClient api, String provider) {
    return Polling.await(
        WAIT,
        () -> api.get("/api/v1/market-data/prices/FAIL").json(),
        quote -> quote != null && provider.equals(quote.path("provider").asText()));
  }
}
