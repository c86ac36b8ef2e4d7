package io.priceengine.engine.quote;

import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SymbolEntities;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What a subscriber connection needs from the engine: registration with this node's {@link
 * QuoteFanOut} for live quotes, the current quote of a symbol (from its entity) for the snapshot,
 * and the quotes it missed (from the journal) to resume without a gap.
 */
public final class QuoteFeeds {
  private final QuoteFanOut fanOut;
  private final SymbolEntities entities;
  private final QuoteReplay replay;

  public QuoteFeeds(QuoteFanOut fanOut, SymbolEntities entities, QuoteReplay replay) {
    this.fanOut = fanOut;
    this.entities = entities;
    this.replay = replay;
  }

  public void subscribe(QuoteSubscriber subscriber, Collection<String> symbols) {
    fanOut.subscribe(subscriber, symbols);
  }

  public void unsubscribe(QuoteSubscriber subscriber, Collection<String> symbols) {
    fanOut.unsubscribe(subscriber, symbols);
  }

  public void forget(QuoteSubscriber subscriber) {
    fanOut.forget(subscriber);
  }

  /** Empty while the symbol has no price. */
  public CompletionStage<Optional<Quote>> current(String symbol) {
    return entities.quote(symbol);
  }

  /** The quotes of {@code current}'s symbol with history ids in {@code (after, upTo]}. */
  public CompletionStage<List<Quote>> missed(Quote current, long after, long upTo) {
    return replay.between(current, after, upTo);
  }

  public CompletionStage<QuoteFanOut.Counts> counts() {
    return fanOut.counts();
  }
}
