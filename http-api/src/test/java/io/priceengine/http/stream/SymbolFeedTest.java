package io.priceengine.http.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.engine.symbol.Quote;
import io.priceengine.http.stream.ServerMessage.QuoteUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-symbol rules of a subscription: conflation, the snapshot seam and the replay seam. */
class SymbolFeedTest {
  private static final int LIMIT = 1000;

  private static Quote quote(long historyId) {
    Instant at = Instant.parse("2026-11-22T10:15:30.000Z").plusSeconds(historyId);
    return new Quote(
        "AAPL",
        BigDecimal.valueOf(historyId),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        at,
        at,
        "push",
        historyId,
        null,
        false,
        Quote.ACTIVE);
  }

  private static SymbolFeed feed(Long since) {
    return new SymbolFeed("AAPL", true, 0, since);
  }

  @Test
  void newerQuotesReplaceTheWaitingOneAndCountAsSkipped() {
    SymbolFeed feed = feed(null);
    feed.start(Optional.of(quote(5)), LIMIT);
    assertEquals(new QuoteUpdate(true, quote(5), 0), feed.take(0));
    assertTrue(feed.offer(quote(6)));
    feed.offer(quote(7));
    feed.offer(quote(8));
    assertFalse(feed.offer(quote(8)), "a quote already waiting is not taken twice");
    assertEquals(new QuoteUpdate(false, quote(8), 2), feed.take(0));
    assertFalse(feed.offer(quote(7)), "older than the last one sent");
  }

  @Test
  void liveQuoteNewerThanTheCurrentOneBecomesTheSnapshot() {
    SymbolFeed feed = feed(null);
    feed.offer(quote(6)); // arrived while the current quote (5) was being read
    feed.start(Optional.of(quote(5)), LIMIT);
    assertEquals(new QuoteUpdate(true, quote(6), 0), feed.take(0));
  }

  @Test
  void firstPriceAfterSubscribingIsAnUpdateNotASnapshot() {
    SymbolFeed feed = feed(null);
    feed.offer(quote(1));
    feed.start(Optional.empty(), LIMIT);
    assertEquals(new QuoteUpdate(false, quote(1), 0), feed.take(0));
  }

  @Test
  void replayReachesLiveQuotesPublishedMeanwhile() {
    SymbolFeed feed = feed(3L);
    assertTrue(feed.start(Optional.of(quote(10)), LIMIT));
    assertEquals(10, feed.replayTarget());
    feed.offer(quote(9)); // published before the current quote was read: the replay covers it
    feed.offer(quote(14)); // 11..13 were published while the replay ran
    feed.replayed(10);
    assertTrue(feed.extendReplay(LIMIT));
    assertEquals(13, feed.replayTarget());
    feed.replayed(13);
    feed.sentReplayed(quote(13));
    assertFalse(feed.extendReplay(LIMIT));
    assertEquals(new QuoteUpdate(false, quote(14), 0), feed.take(0));
  }

  @Test
  void resumeBeyondTheLimitGetsASnapshot() {
    SymbolFeed feed = feed(3L);
    assertFalse(feed.start(Optional.of(quote(3 + LIMIT + 1)), LIMIT));
    assertEquals(new QuoteUpdate(true, quote(3 + LIMIT + 1), 0), feed.take(0));
  }

  @Test
  void maxFrequencySpacesUpdatesOfASymbol() {
    SymbolFeed feed = new SymbolFeed("AAPL", true, SymbolFeed.intervalNanos(4.0), null);
    feed.start(Optional.of(quote(1)), LIMIT);
    feed.take(1_000);
    feed.offer(quote(2));
    assertEquals(250_000_000L, feed.waitNanos(1_000));
    assertTrue(feed.waitNanos(1_000 + 250_000_000L) <= 0);
  }
}
