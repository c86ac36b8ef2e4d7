package io.priceengine.http.upstream.poll;

import com.typesafe.config.Config;
import io.priceengine.engine.provider.CoveredSymbols;
import java.time.Duration;
import java.util.List;

/** {@code price-engine.providers.http-poll}, read once when the provider is enabled. */
public record HttpPollSettings(
    String urlTemplate,
    String token,
    List<String> symbols,
    Duration interval,
    int maxInFlight,
    Duration requestTimeout,
    Duration minBackoff,
    Duration maxBackoff,
    long maxResponseBytes) {

  public static final String SYMBOL_PLACEHOLDER = "{symbol}";

  public static HttpPollSettings fromConfig(Config config) {
    Config c = config.getConfig("price-engine.providers.http-poll");
    String url = c.getString("url").trim();
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalArgumentException(
          "PRICE_ENGINE_HTTP_POLL_URL must be an http(s) URL when the http-poll provider is"
              + " enabled");
    }
    if (!url.contains(SYMBOL_PLACEHOLDER)) {
      throw new IllegalArgumentException(
          "PRICE_ENGINE_HTTP_POLL_URL must contain "
              + SYMBOL_PLACEHOLDER
              + ", e.g. https://quotes.example.com/quote?symbol={symbol}");
    }
    return new HttpPollSettings(
        url,
        c.getString("token"),
        CoveredSymbols.parse(c.getString("symbols"), "PRICE_ENGINE_HTTP_POLL_SYMBOLS"),
        c.getDuration("interval"),
        c.getInt("max-in-flight"),
        c.getDuration("request-timeout"),
        c.getDuration("min-backoff"),
        c.getDuration("max-backoff"),
        c.getBytes("max-response-size"));
  }

  /** Symbols are {@code A-Z 0-9 . -} only, so they go into the URL as they are. */
  public String urlFor(String symbol) {
    return urlTemplate.replace(SYMBOL_PLACEHOLDER, symbol);
  }
}
