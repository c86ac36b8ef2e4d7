package io.priceengine.engine.provider;

import io.priceengine.engine.catalog.ProviderStats;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TickIngestionTest {
  private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static CompletionStage<SymbolEntity.UpdateResult> answer(Tick tick) {
    switch (tick.symbol()) {
      case "OK":
        Quote quote =
            new Quote(
                "OK",
                tick.price(),
                null,
                null,
                null,
                null,
                null,
                AT,
                AT,
                "replay",
                1,
                null,
                false,
                Quote.ACTIVE);
        return CompletableFuture.completedFuture(new SymbolEntity.Accepted(1, quote));
      case "OLD":
        return CompletableFuture.completedFuture(
            new SymbolEntity.Rejected(new Rejection(Rejection.STALE_TICK, "older")));
      default:
        return CompletableFuture.failedFuture(new TimeoutException("ask timed out"));
    }
  }

  @Test
  void countsAnswersAndKeepsGoingPastFailedAsks() throws Exception {
    ProviderStats.Counters counters = new ProviderStats().of("replay");
    List<String> symbols = List.of("OK", "SLOW", "OLD", "OK", "SLOW", "OK");
    List<SymbolEntity.UpdateResult> results =
        Source.from(symbols)
            .map(symbol -> Tick.price(symbol, BigDecimal.ONE, AT, "replay"))
            .via(TickIngestion.delivery(TickIngestionTest::answer, counters, 4))
            .runWith(Sink.seq(), testKit.system())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(4, results.size());
    assertEquals(3, counters.acceptedCount());
    assertEquals(1, counters.rejectedCount());
    assertEquals(2, counters.errorCount());
    assertEquals(AT, counters.lastTickAt().orElseThrow());
  }
}
