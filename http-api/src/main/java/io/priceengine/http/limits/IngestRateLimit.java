package io.priceengine.http.limits;

import io.priceengine.http.auth.Role;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ticks per second per ingest token (API.md: 429 {@code rate_limited} with {@code Retry-After}).
 * Each role has one token, so the bucket is kept per role: the token itself is never held here.
 */
public final class IngestRateLimit {
  private final double ticksPerSecond;
  private final double burst;
  private final Map<Role, TokenBucket> buckets = new ConcurrentHashMap<>();

  public IngestRateLimit(double ticksPerSecond, double burst) {
    this.ticksPerSecond = ticksPerSecond;
    this.burst = burst;
  }

  /** Takes {@code ticks} from the token's bucket: zero when allowed, else the wait to retry. */
  public Duration take(Role token, long ticks) {
    return buckets
        .computeIfAbsent(token, role -> TokenBucket.of(ticksPerSecond, burst))
        .take(ticks);
  }
}
