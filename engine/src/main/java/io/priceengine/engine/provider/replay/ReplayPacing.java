package io.priceengine.engine.provider.replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a replay on the file's own clock, scaled by the speed factor: the first tick goes out at
 * once and fixes the origin, every later one at origin + (its timestamp − the first's) / speed.
 * Delays are measured from the origin, not from the previous tick, so they do not add up drift. One
 * instance per run of the stream (not thread-safe; used by one stage).
 */
final class ReplayPacing {
  private final double speed;
  private final Clock clock;
  private Instant fileOrigin;
  private Instant wallOrigin;

  ReplayPacing(double speed, Clock clock) {
    this.speed = speed;
    this.clock = clock;
  }

  /** How long to hold back a tick stamped {@code sourceTimestamp}; zero when it is due. */
  Duration delayFor(Instant sourceTimestamp) {
    Instant now = clock.instant();
    if (fileOrigin == null) {
      fileOrigin = sourceTimestamp;
      wallOrigin = now;
      return Duration.ZERO;
    }
    long fileMillis = Duration.between(fileOrigin, sourceTimestamp).toMillis();
    Instant due = wallOrigin.plusMillis((long) (fileMillis / speed));
    Duration delay = Duration.between(now, due);
    return delay.isNegative() ? Duration.ZERO : delay;
  }
}
