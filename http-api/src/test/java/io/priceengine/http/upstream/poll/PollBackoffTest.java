package io.priceengine.http.upstream.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PollBackoffTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = NOW;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static void assertBetween(long lowMillis, long highMillis, Duration actual) {
    assertTrue(
        actual.toMillis() >= lowMillis && actual.toMillis() <= highMillis,
        actual + " not in [" + lowMillis + ", " + highMillis + "] ms");
  }

  @Test
  void doublesFromMinToMaxWithJitterAndResetsOnSuccess() {
    ManualClock clock = new ManualClock();
    PollBackoff backoff = new PollBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5), clock);
    assertFalse(backoff.paused());

    assertBetween(800, 1200, backoff.failed(Optional.empty()));
    assertTrue(backoff.paused());
    clock.now = clock.now.plusSeconds(2);
    assertFalse(backoff.paused());
    assertBetween(1600, 2400, backoff.failed(Optional.empty()));
    clock.now = clock.now.plusSeconds(3);
    assertBetween(3200, 4800, backoff.failed(Optional.empty()));
    clock.now = clock.now.plusSeconds(5);
    assertBetween(4000, 6000, backoff.failed(Optional.empty()));

    clock.now = clock.now.plusSeconds(7);
    backoff.succeeded();
    assertBetween(800, 1200, backoff.failed(Optional.empty()));
  }

  @Test
  void failuresDuringAPauseDoNotDoubleItButRetryAfterExtendsIt() {
    ManualClock clock = new ManualClock();
    PollBackoff backoff = new PollBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), clock);
    Duration first = backoff.failed(Optional.empty());
    assertEquals(first, backoff.failed(Optional.empty()));
    assertEquals(Duration.ofSeconds(30), backoff.failed(Optional.of(Duration.ofSeconds(30))));
    clock.now = clock.now.plusSeconds(31);
    assertBetween(1600, 2400, backoff.failed(Optional.empty()));
  }

  @Test
  void readsRetryAfterAsSecondsOrHttpDate() {
    assertEquals(
        Optional.of(Duration.ofSeconds(120)), PollBackoff.retryAfter(Optional.of(" 120 "), NOW));
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        PollBackoff.retryAfter(Optional.of("Mon, 23 Nov 2026 10:01:30 GMT"), NOW));
    assertEquals(
        Optional.of(Duration.ZERO),
        PollBackoff.retryAfter(Optional.of("Mon, 23 Nov 2026 09:00:00 GMT"), NOW));
    assertEquals(Optional.empty(), PollBackoff.retryAfter(Optional.of("soon"), NOW));
    assertEquals(Optional.empty(), PollBackoff.retryAfter(Optional.empty(), NOW));
  }

  @Test
  void honoursRetryAfterUpToAnHour() {
    PollBackoff backoff =
        new PollBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new ManualClock());
    assertEquals(PollBackoff.MAX_RETRY_AFTER, backoff.failed(Optional.of(Duration.ofDays(2))));
  }
}
