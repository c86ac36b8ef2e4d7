package io.priceengine.http.upstream.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.stream.javadsl.Sink;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.provider.ProviderErrors;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.http.json.Json;
import io.priceengine.http.upstream.FakeWsUpstream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One connection of the upstream-ws provider, without an engine around it. */
class UpstreamWsConnectionTest {
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            ConfigFactory.parseString("akka.actor.provider = local")
                .withFallback(ConfigFactory.defaultReference()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static UpstreamWsProvider provider(
      String url, String token, ProviderStats.Counters counters) {
    return new UpstreamWsProvider(
        new UpstreamWsSettings(
            url,
            token,
            "token",
            List.of("AAPL"),
            Duration.ofMillis(100),
            Duration.ofSeconds(5),
            1024),
        SymbolUniverse.fixed(Map.of()),
        Json.create(testKit.system()),
        new ProviderErrors(UpstreamWsProvider.CODE, counters, Clock.systemUTC()),
        counters,
        testKit.system());
  }

  @Test
  void refusedUpgradeEndsTheConnectionSoThatIngestionRetriesIt() throws Exception {
    try (FakeWsUpstream upstream = new FakeWsUpstream("secret")) {
      ProviderStats.Counters counters = new ProviderStats().of(UpstreamWsProvider.CODE);
      Throwable error =
          provider(upstream.url(), "wrong-token", counters)
              .ticks()
              .runWith(Sink.ignore(), testKit.system())
              .toCompletableFuture()
              .handle((ok, failure) -> failure)
              .get(30, TimeUnit.SECONDS);
      assertFalse(counters.isUp());
      assertEquals(0, upstream.connections().size());
      // What TickIngestion logs of the failure must not leak the token.
      assertFalse(String.valueOf(error).contains("wrong-token"), String.valueOf(error));
    }
  }

  @Test
  void unreachableUpstreamFailsTheConnection() throws Exception {
    ProviderStats.Counters counters = new ProviderStats().of(UpstreamWsProvider.CODE);
    Throwable error =
        provider("ws://127.0.0.1:1/ws", "", counters)
            .ticks()
            .runWith(Sink.ignore(), testKit.system())
            .toCompletableFuture()
            .handle((ok, failure) -> failure)
            .get(30, TimeUnit.SECONDS);
    assertFalse(error == null, "a refused TCP connection fails the stream");
  }
}
