package io.priceengine.engine.symbol;

import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable state of the symbol entities that run on this node, as each entity last wrote it: an
 * entity puts its state here on recovery and after every write, and removes it when it stops. A
 * read of a symbol whose entity runs here is answered from it with no message to the entity, so it
 * never waits behind the entity's ticks or a write in flight; any other read asks the entity
 * through sharding (docs/architecture.md, "Write path"). The quote is still the entity's own.
 */
public final class QuoteBoard {
  private final ConcurrentHashMap<String, SymbolEntity.State> states = new ConcurrentHashMap<>();
  private final ProviderCatalog providers;
  private final Clock clock;

  public QuoteBoard(ProviderCatalog providers, Clock clock) {
    this.providers = providers;
    this.clock = clock;
  }

  void put(String symbol, SymbolEntity.State state) {
    states.put(symbol, state);
  }

  void remove(String symbol) {
    states.remove(symbol);
  }

  /** The entity's answer to GetQuote, or null when its entity does not run on this node. */
  SymbolEntity.QuoteReply read(String symbol) {
    SymbolEntity.State state = states.get(symbol);
    return state == null
        ? null
        : new SymbolEntity.QuoteReply(state.quote(providers, clock.instant()));
  }
}
