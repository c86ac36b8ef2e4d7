package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.MutableClock;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real entity on the in-memory journal, sent ticks faster than it writes them. */
class SymbolEntityGroupCommitTest {
  private static final Instant T0 = Instant.parse("2026-12-01T14:30:00.000Z");
  private static final ProviderCatalog PROVIDERS =
      new ProviderCatalog(
          List.of(new ProviderSpec("push", "HTTP push", 1, Duration.ofSeconds(60))));

  private static ActorTestKit testKit;
  private static PersistenceTestKit journal;
  private static int entities;

  private List<Quote> published;
  private String symbol;

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
    journal = PersistenceTestKit.create(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void reset() {
    journal.clearAll();
    journal.resetPolicy();
    published = java.util.Collections.synchronizedList(new ArrayList<>());
    symbol = "HOT" + ++entities;
  }

  private ActorRef<SymbolEntity.Command> spawn(int maxGroupTicks) {
    return spawn(maxGroupTicks, new QuoteBoard(PROVIDERS, new MutableClock(T0)));
  }

  private ActorRef<SymbolEntity.Command> spawn(int maxGroupTicks, QuoteBoard board) {
    SymbolEntity.Dependencies deps =
        new SymbolEntity.Dependencies(
            new SymbolSettings(1_000, 4, Duration.ofSeconds(3), maxGroupTicks, SessionCalendar.UTC),
            PROVIDERS,
            testKit.<SymbolDirectory.Command>createTestProbe().getRef(),
            published::add,
            new MutableClock(T0.plusSeconds(3_600)),
            board);
    return testKit.spawn(SymbolEntity.create(symbol, deps));
  }

  private Tick tick(int i) {
    return Tick.price(symbol, new BigDecimal(100 + i), T0.plusMillis(i), "push");
  }

  @Test
  void ticksArrivingDuringAWriteAreWrittenTogetherWithConsecutiveIds() {
    ActorRef<SymbolEntity.Command> entity = spawn(50);
    TestProbe<SymbolEntity.UpdateResults> replies = testKit.createTestProbe();
    TestProbe<SymbolEntity.QuoteReply> reads = testKit.createTestProbe();
    int ticks = 400;
    for (int i = 0; i < ticks; i++) {
      entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(i)), List.of(), replies.getRef()));
      if (i == ticks / 2) {
        entity.tell(new SymbolEntity.GetQuote(reads.getRef()));
      }
    }
    for (int i = 0; i < ticks; i++) {
      SymbolEntity.UpdateResults answer = replies.receiveMessage(Duration.ofSeconds(5));
      var accepted = assertInstanceOf(SymbolEntity.Accepted.class, answer.results().get(0));
      assertEquals(i + 1, accepted.historyId(), "answers come in order, ids are consecutive");
      assertEquals(new BigDecimal(100 + i), accepted.quote().price());
    }

    List<Object> events = journal.persistedInStorage("Symbol|" + symbol);
    int written = 0;
    long nextId = 1;
    for (Object event : events) {
      var prices = assertInstanceOf(SymbolEntity.PricesUpdated.class, event);
      assertEquals(nextId, prices.firstHistoryId());
      assertTrue(prices.ticks().size() <= 50, "a group holds at most max-group-ticks");
      nextId = prices.lastHistoryId() + 1;
      written += prices.ticks().size();
    }
    assertEquals(ticks, written);
    assertTrue(events.size() < ticks / 2, events.size() + " events for " + ticks + " ticks");
    assertEquals(ticks, published.size(), "every accepted tick's quote is published");

    // the read was answered from a durable state: the end of some written group
    long seen = reads.receiveMessage(Duration.ofSeconds(5)).quote().historyId();
    assertTrue(
        events.stream().anyMatch(e -> ((SymbolEntity.PricesUpdated) e).lastHistoryId() == seen),
        "read saw history id " + seen);
  }

  @Test
  void aFailedWriteAnswersItsCallersUnavailableAtOnceAndTheEntityRecovers() {
    ActorRef<SymbolEntity.Command> entity = spawn(500);
    TestProbe<SymbolEntity.UpdateResults> replies = testKit.createTestProbe();
    entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(0)), List.of(), replies.getRef()));
    assertInstanceOf(
        SymbolEntity.Accepted.class,
        replies.receiveMessage(Duration.ofSeconds(5)).results().get(0));

    journal.failNextPersisted();
    entity.tell(
        new SymbolEntity.UpdatePrices(List.of(tick(1), tick(2)), List.of(), replies.getRef()));
    SymbolEntity.UpdateResults failed = replies.receiveMessage(Duration.ofSeconds(1));
    assertEquals(2, failed.results().size());
    failed.results().forEach(r -> assertInstanceOf(SymbolEntity.Unavailable.class, r));

    // after the restart the same ticks are accepted, with the ids the failed write would have had
    replies.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          entity.tell(
              new SymbolEntity.UpdatePrices(
                  List.of(tick(1), tick(2)), List.of(), replies.getRef()));
          SymbolEntity.UpdateResults answer = replies.receiveMessage(Duration.ofSeconds(1));
          var accepted = assertInstanceOf(SymbolEntity.Accepted.class, answer.results().get(1));
          assertEquals(3, accepted.historyId());
          return null;
        });
  }

  @Test
  void ticksDuringAFailedWriteAreAnsweredUnavailableWithItAndTheEntityRecovers() {
    ActorRef<SymbolEntity.Command> entity = spawn(500);
    TestProbe<SymbolEntity.UpdateResults> replies = testKit.createTestProbe();
    entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(0)), List.of(), replies.getRef()));
    replies.receiveMessage(Duration.ofSeconds(5));

    journal.failNextPersisted();
    // the second command arrives while the first one's write is in flight, and joins the next
    // group; the failed write answers both
    entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(1)), List.of(), replies.getRef()));
    entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(2)), List.of(), replies.getRef()));
    for (int i = 0; i < 2; i++) {
      var result = replies.receiveMessage(Duration.ofSeconds(1)).results().get(0);
      assertInstanceOf(SymbolEntity.Unavailable.class, result);
    }
    // the entity takes ticks again once it has recovered (TickIntakeTest: refused meanwhile)
    replies.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(4)), List.of(), replies.getRef()));
          var answer = replies.receiveMessage(Duration.ofSeconds(1)).results().get(0);
          assertEquals(2, assertInstanceOf(SymbolEntity.Accepted.class, answer).historyId());
          return null;
        });
  }

  @Test
  void onboardingWritesThePendingTicksFirst() {
    ActorRef<SymbolEntity.Command> entity = spawn(500);
    TestProbe<SymbolEntity.UpdateResults> replies = testKit.createTestProbe();
    TestProbe<SymbolEntity.OnboardResult> onboarded = testKit.createTestProbe();
    entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(0)), List.of(), replies.getRef()));
    entity.tell(new SymbolEntity.Onboard("Hot Corp", onboarded.getRef()));

    // the pending tick listed the symbol (added by a provider); onboarding renames it
    var result = onboarded.receiveMessage(Duration.ofSeconds(5));
    assertEquals("Hot Corp", result.listing().companyName());
    assertEquals(Listing.ADDED_BY_PROVIDER, result.listing().addedSource());
    replies.receiveMessage(Duration.ofSeconds(5));
    List<Object> events = journal.persistedInStorage("Symbol|" + symbol);
    assertInstanceOf(SymbolEntity.PricesUpdated.class, events.get(0));
    assertInstanceOf(SymbolEntity.Onboarded.class, events.get(1));
  }

  @Test
  void theBoardShowsTheDurableQuoteWhileTheEntityRunsHere() {
    QuoteBoard board = new QuoteBoard(PROVIDERS, new MutableClock(T0.plusSeconds(3_600)));
    ActorRef<SymbolEntity.Command> entity = spawn(500, board);
    TestProbe<SymbolEntity.UpdateResults> replies = testKit.createTestProbe();
    entity.tell(
        new SymbolEntity.UpdatePrices(List.of(tick(0), tick(1)), List.of(), replies.getRef()));
    replies.receiveMessage(Duration.ofSeconds(5));
    // written before the callers are answered: a client reads its own acknowledged tick
    Quote shown = board.read(symbol).quote();
    assertEquals(2, shown.historyId());
    assertEquals(new BigDecimal(101), shown.price());

    testKit.stop(entity);
    replies.awaitAssert(
        Duration.ofSeconds(5),
        () -> {
          assertEquals(null, board.read(symbol));
          return null;
        });
    // a new incarnation shows its recovered state again
    ActorRef<SymbolEntity.Command> again = spawn(500, board);
    TestProbe<SymbolEntity.QuoteReply> reads = testKit.createTestProbe();
    again.tell(new SymbolEntity.GetQuote(reads.getRef()));
    assertEquals(2, reads.receiveMessage(Duration.ofSeconds(5)).quote().historyId());
    assertEquals(2, board.read(symbol).quote().historyId());
  }
}
