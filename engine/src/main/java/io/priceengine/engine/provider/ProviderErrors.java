package io.priceengine.engine.provider;

import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.symbol.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a provider reports what goes wrong with its upstream: data it has to skip (a bad line, bad
 * JSON, a missing field, an impossible price) and refusals (HTTP 429, 5xx, timeouts). Each one
 * counts as an error of the provider; the log gets the first of each kind and then at most one line
 * per kind and interval, so a feed spewing garbage cannot flood it.
 */
public final class ProviderErrors {
  private static final Logger log = LoggerFactory.getLogger(ProviderErrors.class);
  public static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

  /** How often one kind happened since its last log line. */
  private static final class Kind {
    private long sinceLog;
    private Instant nextLogAt = Instant.MIN;
  }

  private final String provider;
  private final ProviderStats.Counters counters;
  private final Clock clock;
  private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

  public ProviderErrors(String provider, ProviderStats.Counters counters, Clock clock) {
    this.provider = provider;
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Counts one error. {@code kind} is a short fixed phrase ("bad JSON", "HTTP 503"); {@code sample}
   * is the offending input or detail, logged bounded and without control characters.
   */
  public void report(String kind, String sample) {
    counters.error();
    Kind state = kinds.computeIfAbsent(kind, k -> new Kind());
    long count;
    synchronized (state) {
      state.sinceLog++;
      Instant now = clock.instant();
      if (now.isBefore(state.nextLogAt)) {
        return;
      }
      count = state.sinceLog;
      state.sinceLog = 0;
      state.nextLogAt = now.plus(LOG_INTERVAL);
    }
    log.warn(
        "provider {}: {} x '{}' (logged at most once per {} and kind), e.g. {}",
        provider,
        count,
        kind,
        LOG_INTERVAL,
        Rejection.printable(sample));
  }
}
