package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.MutableClock;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderSpec;
import io.priceengine.engine.symbol.SymbolEntity.Command;
import io.priceengine.engine.symbol.SymbolEntity.Event;
import io.priceengine.engine.symbol.SymbolEntity.State;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SymbolEntityTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00.000Z");
  private static final ProviderCatalog PROVIDERS =
      new ProviderCatalog(
          List.of(
              new ProviderSpec("push", "HTTP push", 1, Duration.ofSeconds(60)),
              new ProviderSpec("simulated", "Simulated", 50, Duration.ofSeconds(5))));

  private static ActorTestKit testKit;

  private MutableClock clock;
  private TestProbe<SymbolDirectory.Command> directory;
  private List<Quote> published;
  private EventSourcedBehaviorTestKit<Command, Event, State> entity;

  @BeforeAll
  static void startTestKit() {
    testKit =
        ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void newEntity() {
    entity = entityFor("AAPL", 100);
  }

  private EventSourcedBehaviorTestKit<Command, Event, State> entityFor(
      String symbol, int snapshotEvery) {
    clock = new MutableClock(T0);
    directory = testKit.createTestProbe();
    published = new ArrayList<>();
    SymbolEntity.Dependencies deps =
        new SymbolEntity.Dependencies(
            new SymbolSettings(snapshotEvery, 4, Duration.ofSeconds(3), 500, SessionCalendar.UTC),
            PROVIDERS,
            directory.getRef(),
            published::add,
            clock);
    return EventSourcedBehaviorTestKit.create(testKit.system(), SymbolEntity.create(symbol, deps));
  }

  /** One tick's answer and the events its command wrote. */
  private record Update(SymbolEntity.UpdateResult reply, List<Event> events) {
    boolean hasNoEvents() {
      return events.isEmpty();
    }
  }

  private Update update(Tick tick, long deliveryId) {
    CommandResultWithReply<Command, Event, State, SymbolEntity.UpdateResults> result =
        entity.runCommand(
            r -> new SymbolEntity.UpdatePrices(List.of(tick), List.of(deliveryId), r));
    assertEquals(1, result.reply().results().size());
    return new Update(result.reply().results().get(0), result.events());
  }

  private SymbolEntity.UpdateResult push(String price, Instant sourceTimestamp, String provider) {
    Tick tick = Tick.price("AAPL", new BigDecimal(price), sourceTimestamp, provider);
    return update(tick, 0).reply();
  }

  private String rejectionCode(SymbolEntity.UpdateResult result) {
    return assertInstanceOf(SymbolEntity.Rejected.class, result).rejection().code();
  }

  private Quote quote() {
    return entity.<SymbolEntity.QuoteReply>runCommand(SymbolEntity.GetQuote::new).reply().quote();
  }

  @Test
  void acceptsFirstTickAndListsTheSymbol() {
    Tick tick =
        Tick.of(
            "AAPL",
            new BigDecimal("189.2500"),
            1200L,
            new BigDecimal("188.1"),
            new BigDecimal("190"),
            new BigDecimal("187.9"),
            new BigDecimal("187.5"),
            T0,
            "push",
            "Apple Inc.");
    var result = update(tick, 0);

    var accepted = assertInstanceOf(SymbolEntity.Accepted.class, result.reply());
    assertEquals(1, accepted.historyId());
    Quote quote = accepted.quote();
    assertEquals(new BigDecimal("189.25"), quote.price());
    assertEquals(1200L, quote.volume());
    assertEquals("Apple Inc.", quote.companyName());
    assertEquals("push", quote.provider());
    assertEquals(Quote.ACTIVE, quote.status());
    assertFalse(quote.stale());
    assertEquals(List.of(quote), published);

    var upsert = directory.expectMessageClass(SymbolDirectory.Upsert.class);
    assertEquals(Listing.ADDED_BY_PROVIDER, upsert.listing().addedSource());
    assertTrue(upsert.listing().active());
  }

  @Test
  void historyIdCountsAcceptedTicks() {
    push("10", T0, "push");
    push("11", T0.plusSeconds(1), "push");
    var third =
        assertInstanceOf(SymbolEntity.Accepted.class, push("12", T0.plusSeconds(2), "push"));
    assertEquals(3, third.historyId());
    assertEquals(3, quote().historyId());
  }

  @Test
  void rejectsInvalidPrices() {
    assertEquals("invalid_price", rejectionCode(push("0", T0, "push")));
    assertEquals("invalid_price", rejectionCode(push("-1.5", T0, "push")));
    assertEquals("invalid_price", rejectionCode(push("1.23456", T0, "push")));
    assertEquals("invalid_price", rejectionCode(push("100000000000", T0, "push")));
    assertEquals(
        "accepted",
        push("99999999999.9999", T0, "push") instanceof SymbolEntity.Accepted ? "accepted" : "no");
    assertTrue(entity.getState().hasPrice());
  }

  @Test
  void rejectsTickForAnotherOrInvalidSymbol() {
    Tick other = Tick.price("MSFT", BigDecimal.TEN, T0, "push");
    Tick invalid = Tick.price("aapl", BigDecimal.TEN, T0, "push");
    for (Tick tick : List.of(other, invalid)) {
      var result = update(tick, 0);
      assertInstanceOf(SymbolEntity.Rejected.class, result.reply());
      assertTrue(result.hasNoEvents());
    }
    var invalidSymbol = update(invalid, 0);
    assertEquals("invalid_symbol", rejectionCode(invalidSymbol.reply()));
  }

  @Test
  void rejectsUnknownProviderAndNegativeVolume() {
    assertEquals("invalid_request", rejectionCode(push("10", T0, "bloomberg")));
    Tick negativeVolume =
        Tick.of("AAPL", BigDecimal.TEN, -1L, null, null, null, null, T0, "push", null);
    var result = update(negativeVolume, 0);
    assertEquals("invalid_request", rejectionCode(result.reply()));
  }

  @Test
  void rejectsTickOlderThanCurrentQuote() {
    push("10", T0, "push");
    var result = push("11", T0.minusMillis(1), "push");
    assertEquals("stale_tick", rejectionCode(result));
    assertEquals(new BigDecimal("10"), quote().price());
    assertInstanceOf(SymbolEntity.Accepted.class, push("12", T0, "push"));
  }

  @Test
  void failsOverToLowerPriorityProviderOnlyWhilePreferredOneIsStale() {
    push("10", T0, "push");
    clock.advance(Duration.ofSeconds(1));
    assertEquals("provider_not_preferred", rejectionCode(push("11", clock.instant(), "simulated")));

    clock.advance(Duration.ofSeconds(60));
    assertTrue(quote().stale());
    assertInstanceOf(SymbolEntity.Accepted.class, push("12", clock.instant(), "simulated"));
    assertEquals("simulated", quote().provider());
    assertFalse(quote().stale());

    clock.advance(Duration.ofSeconds(1));
    assertInstanceOf(SymbolEntity.Accepted.class, push("13", clock.instant(), "push"));
    assertEquals("push", quote().provider());
    assertEquals("provider_not_preferred", rejectionCode(push("14", clock.instant(), "simulated")));
  }

  @Test
  void recoversQuoteFromEvents() {
    push("10", T0, "push");
    push("10.5", T0.plusSeconds(1), "push");
    Quote before = quote();
    entity.restart();
    assertEquals(before, quote());
    var next = assertInstanceOf(SymbolEntity.Accepted.class, push("11", T0.plusSeconds(2), "push"));
    assertEquals(3, next.historyId());
  }

  @Test
  void recoversQuoteFromSnapshot() {
    entity = entityFor("AAPL", 3);
    for (int i = 0; i < 7; i++) {
      push(String.valueOf(10 + i), T0.plusSeconds(i), "push");
    }
    State before = entity.getState();
    var snapshots = entity.snapshotTestKit().orElseThrow();
    assertFalse(snapshots.persistedInStorage("Symbol|AAPL").isEmpty());
    var restarted = entity.restart();
    assertEquals(before, restarted.state());
    assertEquals(7, quote().historyId());
    assertEquals(new BigDecimal("16"), quote().price());
  }

  @Test
  void aTickIdAlreadyAcceptedIsAcknowledgedAgainWithoutANewEventAcrossRestarts() {
    entity = entityFor("AAPL", 5);
    Tick first = Tick.price("AAPL", new BigDecimal("10"), T0, "push").withTickId("c1:1");
    var accepted = assertInstanceOf(SymbolEntity.Accepted.class, update(first, 0).reply());
    assertEquals(1, accepted.historyId());
    published.clear();

    // sent again (even with another price): the first acceptance, nothing written or published
    Tick again = Tick.price("AAPL", new BigDecimal("11"), T0.plusMillis(1), "push");
    Update retried = update(again.withTickId("c1:1"), 0);
    assertEquals(1, assertInstanceOf(SymbolEntity.Accepted.class, retried.reply()).historyId());
    assertTrue(retried.hasNoEvents());
    assertTrue(published.isEmpty());

    // a thousand more ids later, through snapshots and a restart, it is still known
    for (int i = 2; i <= 1_001; i++) {
      Tick tick = Tick.price("AAPL", new BigDecimal(10 + i), T0.plusMillis(i), "push");
      update(tick.withTickId("c1:" + i), 0);
    }
    assertFalse(entity.snapshotTestKit().orElseThrow().persistedInStorage("Symbol|AAPL").isEmpty());
    entity.restart();
    Update afterRestart = update(first, 0);
    assertEquals(
        1, assertInstanceOf(SymbolEntity.Accepted.class, afterRestart.reply()).historyId());
    assertTrue(afterRestart.hasNoEvents());
    assertEquals(1_001, quote().historyId());
    assertEquals("invalid_request", rejectionCode(update(again.withTickId("a b"), 0).reply()));
  }

  @Test
  void derivesSessionStatisticsAcrossARestartAndTheNextSession() {
    push("10", T0, "push");
    push("12", T0.plusSeconds(1), "push");
    entity.restart();
    push("11", T0.plusSeconds(2), "push");
    Quote sameSession = quote();
    assertEquals(new BigDecimal("10"), sameSession.open());
    assertEquals(new BigDecimal("12"), sameSession.high());
    assertEquals(new BigDecimal("10"), sameSession.low());
    assertEquals(null, sameSession.previousClose());
    assertEquals(null, sameSession.change());

    clock.advance(Duration.ofDays(1));
    push("12.1", T0.plusSeconds(86_400), "push");
    Quote nextSession = quote();
    assertEquals(new BigDecimal("12.1"), nextSession.open());
    assertEquals(new BigDecimal("11"), nextSession.previousClose());
    assertEquals(new BigDecimal("1.1"), nextSession.change());
    assertEquals(new BigDecimal("10"), nextSession.changePercent());
  }

  @Test
  void onboardsDelistsAndReactivates() {
    var created =
        entity.<SymbolEntity.OnboardResult>runCommand(
            r -> new SymbolEntity.Onboard("Apple Inc.", r));
    assertTrue(created.reply().created());
    assertEquals(Listing.ADDED_BY_API, entity.getState().listing().addedSource());
    assertNull(quote());

    var again =
        entity.<SymbolEntity.OnboardResult>runCommand(r -> new SymbolEntity.Onboard(null, r));
    assertFalse(again.reply().created());
    assertTrue(again.hasNoEvents());

    push("10", T0, "push");
    var delisted = entity.<SymbolEntity.DelistResult>runCommand(SymbolEntity.Delist::new);
    assertTrue(delisted.reply().found());
    assertEquals(Quote.INACTIVE, quote().status());
    assertEquals("invalid_request", rejectionCode(push("11", T0.plusSeconds(1), "simulated")));
    assertInstanceOf(SymbolEntity.Accepted.class, push("12", T0.plusSeconds(1), "push"));

    var reactivated =
        entity.<SymbolEntity.OnboardResult>runCommand(r -> new SymbolEntity.Onboard(null, r));
    assertTrue(reactivated.reply().created());
    assertEquals(Quote.ACTIVE, quote().status());
  }

  @Test
  void delistOfUnknownSymbolIsNotFound() {
    var result = entity.<SymbolEntity.DelistResult>runCommand(SymbolEntity.Delist::new);
    assertFalse(result.reply().found());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void toldDirectoryAgainAfterRecovery() {
    push("10", T0, "push");
    directory.expectMessageClass(SymbolDirectory.Upsert.class);
    entity.restart();
    var upsert = directory.expectMessageClass(SymbolDirectory.Upsert.class);
    assertEquals("AAPL", upsert.listing().symbol());
  }

  /** A push tick with a delivery id, as HTTP ingest sends it (and sends it again on a retry). */
  private Update deliver(String price, Instant sourceTimestamp, long deliveryId) {
    Tick tick = Tick.price("AAPL", new BigDecimal(price), sourceTimestamp, "push");
    return update(tick, deliveryId);
  }

  private static long acceptedHistoryId(Update result) {
    return assertInstanceOf(SymbolEntity.Accepted.class, result.reply()).historyId();
  }

  @Test
  void tickDeliveredAgainIsAcknowledgedWithoutPersistingItTwice() {
    var first = deliver("10", T0, 42);
    assertEquals(1, first.events().size());
    deliver("11", T0.plusSeconds(1), 43);

    // the retry of delivery 42 arrives after a newer tick: the same acknowledgement, no event
    var again = deliver("10", T0, 42);
    assertTrue(again.hasNoEvents());
    assertEquals(acceptedHistoryId(first), acceptedHistoryId(again));
    assertEquals(2, quote().historyId());
  }

  @Test
  void deliveryIdsSurviveRecoverySoARetryAfterACrashIsNotPersistedTwice() {
    var first = deliver("10", T0, 7);
    entity.restart();
    var again = deliver("10", T0, 7);
    assertTrue(again.hasNoEvents());
    assertEquals(acceptedHistoryId(first), acceptedHistoryId(again));
  }

  @Test
  void onlyTheLatestDeliveriesAreRemembered() {
    for (int i = 1; i <= RecentDeliveries.SIZE + 1; i++) {
      deliver(String.valueOf(i), T0.plusSeconds(i), i);
    }
    // delivery 1 is forgotten: its tick is checked as a new one (and is older than the quote)
    assertEquals("stale_tick", rejectionCode(deliver("1", T0.plusSeconds(1), 1).reply()));
    var second = deliver("2", T0.plusSeconds(2), 2);
    assertTrue(second.hasNoEvents());
    assertEquals(2, acceptedHistoryId(second));
  }

  @Test
  void ticksWithoutDeliveryIdAreNeverTakenForRetries() {
    push("10", T0, "push");
    assertInstanceOf(SymbolEntity.Accepted.class, push("10", T0, "push"));
    assertEquals(2, quote().historyId());
  }
}
