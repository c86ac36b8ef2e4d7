package io.priceengine.http.upstream;

import io.priceengine.engine.provider.ProviderFactory;
import io.priceengine.http.upstream.poll.HttpPollProvider;
import io.priceengine.http.upstream.ws.UpstreamWsProvider;
import java.util.Map;

/**
 * The providers that talk to an upstream over HTTP: they live here rather than in the engine, which
 * knows nothing of HTTP, and are handed to the engine's provider start-up by code.
 */
public final class UpstreamProviders {
  private UpstreamProviders() {}

  public static Map<String, ProviderFactory> factories() {
    return Map.of(
        UpstreamWsProvider.CODE, UpstreamWsProvider::create,
        HttpPollProvider.CODE, HttpPollProvider::create);
  }
}
