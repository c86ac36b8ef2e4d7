package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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

  private final List<List<String>> batches = new CopyOnWriteArrayList<>();

  /** Accepts every tick, except that a batch holding "FAIL" fails as a whole. */
  private CompletionStage<List<SymbolEntity.UpdateResult>> deliver(List<Tick> ticks) {
    batches.add(ticks.stream().map(Tick::symbol).toList());
    if (ticks.stream().anyMatch(t -> t.symbol().equals("FAIL"))) {
      return CompletableFuture.failedFuture(new IllegalStateException("journal down"));
    }
    List<SymbolEntity.UpdateResult> results = new ArrayList<>();
    for (Tick tick : ticks) {
      results.add(
          tick.symbol().equals("OLD")
              ? new SymbolEntity.Rejected(new Rejection(Rejection.STALE_TICK, "older"))
              : new SymbolEntity.Accepted(1, null));
    }
    return CompletableFuture.completedFuture(results);
  }

  @Test
  void deliversTicksInBatchesAndKeepsGoingPastAFailedBatch() throws Exception {
    TickIngestion.Settings settings =
        new TickIngestion.Settings(
            3, Duration.ofMillis(200), 2, Duration.ofSeconds(1), Duration.ofSeconds(1));
    List<String> symbols = List.of("A", "B", "OLD", "FAIL", "C", "D", "E");
    List<SymbolEntity.UpdateResult> results =
        Source.from(symbols)
            .map(symbol -> Tick.price(symbol, BigDecimal.ONE, AT, "replay"))
            .via(TickIngestion.delivery(this::deliver, settings))
            .runWith(Sink.seq(), testKit.system())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

    assertEquals(
        List.of(List.of("A", "B", "OLD"), List.of("FAIL", "C", "D"), List.of("E")), batches);
    // the failed batch's three ticks are dropped; the others come out, one result per tick
    assertEquals(4, results.size());
    assertEquals(1, results.stream().filter(SymbolEntity.Rejected.class::isInstance).count());
  }
}
