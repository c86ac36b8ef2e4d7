package io.priceengine.engine.provider;

/**
 * Builds a provider at start-up from what every provider may need. The engine registers its own
 * (simulated, replay); the application adds the ones that need modules the engine does not have
 * (the HTTP and WebSocket feeds), so that the engine stays free of HTTP.
 */
@FunctionalInterface
public interface ProviderFactory {
  PriceProvider create(ProviderContext context);
}
