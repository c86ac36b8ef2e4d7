package io.priceengine.engine.quote;

import io.priceengine.engine.symbol.Quote;

/**
 * One subscriber connection of this node, as the node's {@link QuoteFanOut} sees it: somewhere to
 * hand each new quote of the symbols it subscribed to. Compared by identity.
 */
@FunctionalInterface
public interface QuoteSubscriber {

  /**
   * Takes a quote. Called on the fan-out's thread, once per quote and subscriber: must return at
   * once, never block and never throw (a subscriber that cannot keep up conflates, it does not
   * queue).
   */
  void offer(Quote quote);
}
