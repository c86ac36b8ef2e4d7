package io.priceengine.http.stream;

import io.priceengine.engine.symbol.Quote;
import io.priceengine.http.stream.ServerMessage.QuoteUpdate;
import java.util.Optional;

/**
 * One symbol of one subscriber connection: how far its updates have gone (waiting for the snapshot,
 * replaying missed ones, live), the one quote waiting to be sent (conflation: a newer quote
 * replaces it and counts as skipped) and when the next may go out under {@code maxFrequency}.
 * Touched only by its connection's {@link SubscriptionStage}, on the stage's thread.
 */
final class SymbolFeed {
  enum Phase {
    /** Live quotes are held until the current quote (and so the seam) is known. */
    STARTING,
    /** Missed quotes come from the journal; live ones are held until the replay reaches them. */
    REPLAYING,
    LIVE
  }

  final String symbol;

  /** False while the symbol is only received through a subscription to every symbol. */
  boolean explicit;

  private long intervalNanos;
  private final Long since;
  private Phase phase = Phase.STARTING;
  private long nextDueNanos;
  private long lastSent; // highest history id sent, or known to the client

  private Quote pending;
  private boolean pendingIsSnapshot;
  private int skipped;

  private Quote replayOf; // the current quote the replay started from
  private long replayedUpTo;
  private long replayTarget;

  SymbolFeed(String symbol, boolean explicit, long intervalNanos, Long since) {
    this.symbol = symbol;
    this.explicit = explicit;
    this.intervalNanos = intervalNanos;
    this.since = since;
  }

  /** A feed for a symbol that arrives through "*": live at once, no snapshot. */
  static SymbolFeed live(String symbol, long intervalNanos) {
    SymbolFeed feed = new SymbolFeed(symbol, false, intervalNanos, null);
    feed.phase = Phase.LIVE;
    return feed;
  }

  static long intervalNanos(Double maxFrequency) {
    return maxFrequency == null ? 0 : (long) (1_000_000_000L / maxFrequency);
  }

  /** A new {@code maxFrequency} from a repeated subscribe. */
  void rate(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** Continues where {@code previous} (of the same symbol) left off, so nothing is sent twice. */
  void takeOver(SymbolFeed previous) {
    lastSent = previous.lastSent;
  }

  /** Takes a live quote; true when it is waiting to go out now or once the rate allows. */
  boolean offer(Quote quote) {
    long historyId = quote.historyId();
    if (historyId <= lastSent || (pending != null && historyId <= pending.historyId())) {
      return false; // already sent, replayed, or older than the one waiting
    }
    if (pending != null && phase == Phase.LIVE && !pendingIsSnapshot) {
      skipped++;
    }
    pending = quote;
    return phase == Phase.LIVE;
  }

  /**
   * Decides the seam once the entity's current quote is known (subscribe and live delivery began
   * before it was asked for). With a usable resume point the missed quotes are replayed; otherwise
   * the newest known quote goes out as the snapshot. True when a replay must run.
   */
  boolean start(Optional<Quote> current, int replayLimit) {
    Quote now = current.orElse(null);
    if (since != null
        && now != null
        && since <= now.historyId()
        && now.historyId() - since <= replayLimit) {
      lastSent = Math.max(lastSent, since);
      if (since == now.historyId()) {
        goLive();
        return false;
      }
      phase = Phase.REPLAYING;
      replayOf = now;
      replayedUpTo = since;
      replayTarget = now.historyId();
      return true;
    }
    snapshot(now);
    return false;
  }

  Quote replayOf() {
    return replayOf;
  }

  long replayedUpTo() {
    return replayedUpTo;
  }

  long replayTarget() {
    return replayTarget;
  }

  void replayed(long upTo) {
    replayedUpTo = upTo;
  }

  void sentReplayed(Quote quote) {
    lastSent = quote.historyId();
  }

  /**
   * Called when the replay reached its target. A live quote held meanwhile may be newer than the
   * target by more than one: the updates in between were published while the replay ran and are in
   * the journal now, so the replay goes on up to it (true), within the replay limit; beyond it, the
   * held quote goes out as a snapshot.
   */
  boolean extendReplay(int replayLimit) {
    if (pending != null && pending.historyId() > replayedUpTo + 1) {
      if (pending.historyId() - 1 - since <= replayLimit) {
        replayTarget = pending.historyId() - 1;
        return true;
      }
      pendingIsSnapshot = true;
    }
    goLive();
    return false;
  }

  /** The journal could not be read: the client gets the newest quote as a snapshot instead. */
  void abandonReplay() {
    snapshot(replayOf);
  }

  private void snapshot(Quote current) {
    Quote newest = current;
    if (pending != null && (newest == null || pending.historyId() > newest.historyId())) {
      newest = pending;
    }
    pending = newest != null && newest.historyId() > lastSent ? newest : null;
    // a quote that came live while the symbol had no price is an update, not a snapshot
    pendingIsSnapshot = current != null;
    phase = Phase.LIVE;
    skipped = 0;
  }

  private void goLive() {
    if (pending != null && pending.historyId() <= lastSent) {
      pending = null;
    }
    phase = Phase.LIVE;
    skipped = 0;
  }

  boolean hasDueQuote() {
    return phase == Phase.LIVE && pending != null;
  }

  /** Nanoseconds until the waiting quote may go out (0 or less: now). */
  long waitNanos(long nowNanos) {
    return nextDueNanos - nowNanos;
  }

  QuoteUpdate take(long nowNanos) {
    QuoteUpdate update = new QuoteUpdate(pendingIsSnapshot, pending, skipped);
    lastSent = pending.historyId();
    pending = null;
    pendingIsSnapshot = false;
    skipped = 0;
    nextDueNanos = nowNanos + intervalNanos;
    return update;
  }
}
