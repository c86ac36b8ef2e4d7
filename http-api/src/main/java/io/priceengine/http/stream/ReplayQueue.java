package io.priceengine.http.stream;

import io.priceengine.engine.quote.QuoteFeeds;
import io.priceengine.engine.symbol.Quote;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The journal replays of one connection's resumed symbols: one symbol at a time and one page of
 * history ids at a time, so that a connection holds at most a page of missed quotes and a client
 * resuming a thousand symbols does not query the journal a thousand times at once. Used on its
 * stage's thread only; a page's result comes back through the stage's async callback.
 */
final class ReplayQueue {
  /** The result of one journal query. */
  record Page(SymbolFeed feed, long upTo, List<Quote> quotes, Throwable failure) {}

  /** Told when a symbol's replay is over and its live quotes may flow. */
  @FunctionalInterface
  interface Done {
    void replayed(SymbolFeed feed, boolean journalFailed);
  }

  private final QuoteFeeds feeds;
  private final StreamSettings settings;
  private final Consumer<Page> deliver;
  private final Done done;
  private final ArrayDeque<SymbolFeed> waiting = new ArrayDeque<>();
  private final ArrayDeque<Quote> page = new ArrayDeque<>();
  private SymbolFeed replaying;

  ReplayQueue(QuoteFeeds feeds, StreamSettings settings, Consumer<Page> deliver, Done done) {
    this.feeds = feeds;
    this.settings = settings;
    this.deliver = deliver;
    this.done = done;
  }

  void add(SymbolFeed feed) {
    waiting.add(feed);
    startNext();
  }

  /** The symbol was unsubscribed: its replay stops, a page already asked for is ignored. */
  void remove(SymbolFeed feed) {
    waiting.remove(feed);
    if (replaying == feed) {
      replaying = null;
      page.clear();
      startNext();
    }
  }

  void arrived(Page result) {
    if (result.feed() != replaying) {
      return;
    }
    if (result.failure() != null) {
      replaying.abandonReplay();
      finish(true);
      return;
    }
    replaying.replayed(result.upTo());
    page.addAll(result.quotes());
    if (page.isEmpty()) {
      continueReplay();
    }
  }

  /** The next missed quote to send, or null while none is at hand. */
  Quote next() {
    Quote quote = page.poll();
    if (quote != null) {
      replaying.sentReplayed(quote);
      if (page.isEmpty()) {
        continueReplay();
      }
    }
    return quote;
  }

  private void startNext() {
    if (replaying == null && !waiting.isEmpty()) {
      replaying = waiting.poll();
      requestPage();
    }
  }

  private void continueReplay() {
    SymbolFeed feed = replaying;
    if (feed.replayedUpTo() < feed.replayTarget() || feed.extendReplay(settings.replayLimit())) {
      requestPage();
    } else {
      finish(false);
    }
  }

  private void finish(boolean journalFailed) {
    SymbolFeed feed = replaying;
    replaying = null;
    done.replayed(feed, journalFailed);
    startNext();
  }

  private void requestPage() {
    SymbolFeed feed = replaying;
    long after = feed.replayedUpTo();
    long upTo = Math.min(after + settings.replayPage(), feed.replayTarget());
    feeds
        .missed(feed.replayOf(), after, upTo)
        .whenComplete((quotes, failure) -> deliver.accept(new Page(feed, upTo, quotes, failure)));
  }
}
