package io.priceengine.http.upstream.ws;

import com.typesafe.config.Config;
import io.priceengine.engine.provider.CoveredSymbols;
import java.time.Duration;
import java.util.List;

/** {@code price-engine.providers.upstream-ws}, read once when the provider is enabled. */
public record UpstreamWsSettings(
    String url,
    String token,
    String tokenParameter,
    List<String> symbols,
    Duration subscriptionRefresh,
    Duration idleTimeout,
    int maxMessageChars) {

  public static UpstreamWsSettings fromConfig(Config config) {
    Config c = config.getConfig("price-engine.providers.upstream-ws");
    String url = c.getString("url").trim();
    if (url.isEmpty()) {
      throw new IllegalArgumentException(
          "PRICE_ENGINE_UPSTREAM_WS_URL must be set when the upstream-ws provider is enabled");
    }
    if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
      throw new IllegalArgumentException(
          "PRICE_ENGINE_UPSTREAM_WS_URL must start with ws:// or wss://");
    }
    return new UpstreamWsSettings(
        url,
        c.getString("token"),
        c.getString("token-parameter"),
        CoveredSymbols.parse(c.getString("symbols"), "PRICE_ENGINE_UPSTREAM_WS_SYMBOLS"),
        c.getDuration("subscription-refresh"),
        c.getDuration("idle-timeout"),
        Math.toIntExact(c.getBytes("max-message-size")));
  }
}
