package io.priceengine.engine.symbol;

/**
 * Where a symbol entity announces a quote it has just persisted. Must not block: it is called on
 * the entity's thread.
 */
@FunctionalInterface
public interface QuotePublisher {
  QuotePublisher NONE = quote -> {};

  void publish(Quote quote);
}
