package io.priceengine.http.upstream.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses all polling of the upstream after it refuses (429, 5xx) or does not answer: for as long as
 * its {@code Retry-After} says, otherwise from min-backoff doubling up to max-backoff, with ±20%
 * jitter. Failures of requests already in flight during a pause do not double it again.
 * Thread-safe: responses arrive on any thread.
 */
final class PollBackoff {
  /** A Retry-After beyond this is taken as a mistake of the upstream, not as an instruction. */
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private static final double JITTER = 0.2;

  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final Clock clock;
  private int failures;
  private Instant resumeAt = Instant.MIN;

  PollBackoff(Duration minBackoff, Duration maxBackoff, Clock clock) {
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.clock = clock;
  }

  synchronized boolean paused() {
    return clock.instant().isBefore(resumeAt);
  }

  synchronized void succeeded() {
    failures = 0;
  }

  /** Starts or extends a pause; returns how long polling now pauses. */
  synchronized Duration failed(Optional<Duration> retryAfter) {
    Instant now = clock.instant();
    boolean alreadyPaused = now.isBefore(resumeAt);
    Duration pause;
    if (retryAfter.isPresent()) {
      pause = min(retryAfter.get(), MAX_RETRY_AFTER);
    } else if (alreadyPaused) {
      return Duration.between(now, resumeAt);
    } else {
      failures++;
      pause = jittered(exponential(failures));
    }
    Instant until = now.plus(pause);
    if (until.isAfter(resumeAt)) {
      resumeAt = until;
    }
    return Duration.between(now, resumeAt);
  }

  private Duration exponential(int failures) {
    Duration pause = minBackoff;
    for (int i = 1; i < failures && pause.compareTo(maxBackoff) < 0; i++) {
      pause = pause.multipliedBy(2);
    }
    return min(pause, maxBackoff);
  }

  private static Duration jittered(Duration pause) {
    double factor = 1 + JITTER * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    return Duration.ofMillis((long) (pause.toMillis() * factor));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** {@code Retry-After}: delta-seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
      } catch (NumberFormatException e) {
        return Optional.of(MAX_RETRY_AFTER);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
