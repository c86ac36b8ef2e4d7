package io.priceengine.engine.provider;

import akka.NotUsed;
import akka.stream.javadsl.Source;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.symbol.Tick;

/**
 * The provider SPI: a provider is a source of ticks for the symbols it currently covers. The engine
 * runs it under {@link TickIngestion}, which restarts it with backoff when it fails or completes (a
 * lost upstream connection typically completes it), so {@link #ticks()} must return a fresh,
 * independent source on every call. Providers are built by a {@link ProviderFactory}.
 */
public interface PriceProvider {
  /** The provider's code in the {@link ProviderCatalog}; every tick it emits carries it. */
  String code();

  Source<Tick, NotUsed> ticks();
}
