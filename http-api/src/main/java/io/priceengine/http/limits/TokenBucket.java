package io.priceengine.http.limits;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} permits refill continuously up to {@code burst}.
 * Thread-safe; one bucket per ingest token, and one (used by a single stream stage) per WebSocket
 * connection.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoClock;
  private double available;
  private long refilledAt;

  public TokenBucket(double ratePerSecond, double burst, LongSupplier nanoClock) {
    if (ratePerSecond <= 0 || burst <= 0) {
      throw new IllegalArgumentException("rate and burst must be positive");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoClock = nanoClock;
    this.available = burst;
    this.refilledAt = nanoClock.getAsLong();
  }

  public static TokenBucket of(double ratePerSecond, double burst) {
    return new TokenBucket(ratePerSecond, burst, System::nanoTime);
  }

  /**
   * Takes {@code permits} if the bucket holds them: empty on success, else how long until it will.
   * A request larger than the burst can never pass and waits a burst's refill time.
   */
  public synchronized Duration take(long permits) {
    long now = nanoClock.getAsLong();
    available = Math.min(burst, available + (now - refilledAt) * ratePerNano);
    refilledAt = now;
    if (permits <= available) {
      available -= permits;
      return Duration.ZERO;
    }
    double missing = Math.min(permits, burst) - available;
    return Duration.ofNanos((long) Math.ceil(missing / ratePerNano));
  }
}
