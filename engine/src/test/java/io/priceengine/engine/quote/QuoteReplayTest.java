package io.priceengine.engine.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import akka.persistence.testkit.query.javadsl.PersistenceTestKitReadJournal;
import com.typesafe.config.ConfigFactory;
import io.priceengine.engine.MutableClock;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderSpec;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SessionCalendar;
import io.priceengine.engine.symbol.SymbolDirectory;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.SymbolSettings;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading missed quotes back from a journal that holds both event formats: one-tick events of the
 * old format (history id = sequence number), listing events, and groups of the new one.
 */
class QuoteReplayTest {
  private static final String SYMBOL = "MIX";
  private static final String PERSISTENCE_ID = "Symbol|" + SYMBOL;
  private static final Instant T0 = Instant.parse("2026-12-01T14:30:00.000Z");
  private static final ProviderCatalog PROVIDERS =
      new ProviderCatalog(
          List.of(new ProviderSpec("push", "HTTP push", 1, Duration.ofSeconds(60))));

  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.load()));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static Tick tick(int i) {
    return Tick.price(SYMBOL, new BigDecimal(100 + i), T0.plusSeconds(i), "push");
  }

  @Test
  void readsEveryQuoteAfterAnIdAcrossOldAndNewEventsAndListingEvents() throws Exception {
    PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());
    // written before group commit: ids 1, 2, (seq 3 is an onboarding), 4
    journal.persistForRecovery(
        PERSISTENCE_ID,
        List.of(
            new SymbolEntity.PriceUpdated(SYMBOL, 1, tick(1), T0, 0),
            new SymbolEntity.PriceUpdated(SYMBOL, 2, tick(2), T0, 0),
            new SymbolEntity.Onboarded(SYMBOL, "Mix Corp", T0),
            new SymbolEntity.PriceUpdated(SYMBOL, 4, tick(4), T0, 0)));

    SymbolEntity.Dependencies deps =
        new SymbolEntity.Dependencies(
            new SymbolSettings(1_000, 4, Duration.ofSeconds(3), 500, SessionCalendar.UTC),
            PROVIDERS,
            testKit.<SymbolDirectory.Command>createTestProbe().getRef(),
            quote -> {},
            new MutableClock(T0.plusSeconds(60)));
    ActorRef<SymbolEntity.Command> entity = testKit.spawn(SymbolEntity.create(SYMBOL, deps));
    TestProbe<SymbolEntity.UpdateResults> replies = testKit.createTestProbe();
    // ids 5..9 in one event (seq 5), then 10 (seq 6), then a delisting and a re-listing (7, 8)
    entity.tell(
        new SymbolEntity.UpdatePrices(
            List.of(tick(5), tick(6), tick(7), tick(8), tick(9)), List.of(), replies.getRef()));
    replies.receiveMessage();
    entity.tell(new SymbolEntity.UpdatePrices(List.of(tick(10)), List.of(), replies.getRef()));
    replies.receiveMessage();
    entity.tell(
        new SymbolEntity.Delist(testKit.<SymbolEntity.DelistResult>createTestProbe().getRef()));
    TestProbe<SymbolEntity.OnboardResult> onboarded = testKit.createTestProbe();
    entity.tell(new SymbolEntity.Onboard(null, onboarded.getRef()));
    onboarded.receiveMessage();

    TestProbe<SymbolEntity.QuoteReply> reads = testKit.createTestProbe();
    entity.tell(new SymbolEntity.GetQuote(reads.getRef()));
    Quote current = reads.receiveMessage().quote();
    assertEquals(10, current.historyId());

    QuoteReplay replay =
        new QuoteReplay(
            testKit.system(),
            PersistenceQuery.get(testKit.system())
                .getReadJournalFor(
                    PersistenceTestKitReadJournal.class,
                    PersistenceTestKitReadJournal.Identifier()),
            symbol -> {
              TestProbe<SymbolEntity.JournalPosition> position = testKit.createTestProbe();
              entity.tell(new SymbolEntity.GetJournalPosition(position.getRef()));
              return java.util.concurrent.CompletableFuture.completedFuture(
                  position.receiveMessage());
            },
            PROVIDERS,
            new MutableClock(T0.plusSeconds(60)));

    assertEquals(List.of(2L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), ids(replay, current, 1, 10));
    assertEquals(List.of(7L, 8L, 9L, 10L), ids(replay, current, 6, 10));
    assertEquals(List.of(9L, 10L), ids(replay, current, 8, 10));
    assertEquals(List.of(6L, 7L), ids(replay, current, 5, 7));
    assertEquals(List.of(), ids(replay, current, 10, 10));

    List<Quote> quotes =
        replay.between(current, 4, 6).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(new BigDecimal(105), quotes.get(0).price());
    assertEquals("Mix Corp", quotes.get(0).companyName());
    assertEquals(
        LongStream.rangeClosed(5, 6).boxed().toList(),
        quotes.stream().map(Quote::historyId).toList());
  }

  private static List<Long> ids(QuoteReplay replay, Quote current, long after, long upTo)
      throws Exception {
    return replay
        .between(current, after, upTo)
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS)
        .stream()
        .map(Quote::historyId)
        .toList();
  }
}
