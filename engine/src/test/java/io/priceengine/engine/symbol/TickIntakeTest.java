package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.Behaviors;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderSpec;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What the entity's intake does with ticks on its own, without the entity behind it. */
class TickIntakeTest {
  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ProviderCatalog PROVIDERS =
      new ProviderCatalog(
          List.of(new ProviderSpec("push", "HTTP push", 1, Duration.ofSeconds(60))));

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void whileTheEntityRestartsAfterAFailedWriteTicksAreAnsweredUnavailableAtOnce() {
    GroupCommit commit = new GroupCommit("AAPL", PROVIDERS, SessionCalendar.UTC);
    commit.failed();
    TestProbe<SymbolEntity.Command> entity = testKit.createTestProbe();
    ActorRef<SymbolEntity.Command> intake =
        testKit.spawn(
            Behaviors.intercept(
                () -> new TickIntake(commit, Clock.systemUTC(), 500),
                Behaviors.receiveMessage(
                    command -> {
                      entity.getRef().tell(command);
                      return Behaviors.same();
                    })));
    TestProbe<SymbolEntity.UpdateResults> replies = testKit.createTestProbe();
    Tick tick = Tick.price("AAPL", BigDecimal.TEN, Instant.now(), "push");

    intake.tell(new SymbolEntity.UpdatePrices(List.of(tick, tick), List.of(), replies.getRef()));
    List<SymbolEntity.UpdateResult> results = replies.receiveMessage().results();
    assertEquals(2, results.size());
    results.forEach(r -> assertInstanceOf(SymbolEntity.Unavailable.class, r));
    entity.expectNoMessage(Duration.ofMillis(100));

    // once recovered, ticks go to the entity again
    commit.recovered();
    intake.tell(new SymbolEntity.UpdatePrices(List.of(tick), List.of(), replies.getRef()));
    assertInstanceOf(SymbolEntity.UpdatePrices.class, entity.receiveMessage());
  }
}
