package io.priceengine.engine.provider.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.priceengine.engine.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayPacingTest {
  private static final Instant FILE_START = Instant.parse("2024-01-02T14:30:00Z");

  @Test
  void holdsTicksBackToTheFileClockScaledBySpeed() {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    ReplayPacing pacing = new ReplayPacing(10, clock);

    assertEquals(Duration.ZERO, pacing.delayFor(FILE_START));
    assertEquals(Duration.ofMillis(1000), pacing.delayFor(FILE_START.plusSeconds(10)));
    clock.advance(Duration.ofMillis(400));
    // Measured from the origin, so time spent waiting does not add up.
    assertEquals(Duration.ofMillis(600), pacing.delayFor(FILE_START.plusSeconds(10)));
    clock.advance(Duration.ofSeconds(5));
    assertEquals(Duration.ZERO, pacing.delayFor(FILE_START.plusSeconds(20)));
    assertEquals(Duration.ZERO, pacing.delayFor(FILE_START.minusSeconds(1)));
  }

  @Test
  void parsesSpeedFactorsAndMax() {
    assertEquals(1.0, ReplaySettings.parseSpeed("1"));
    assertEquals(0.5, ReplaySettings.parseSpeed(" 0.5 "));
    assertEquals(Double.POSITIVE_INFINITY, ReplaySettings.parseSpeed("MAX"));
    for (String bad : new String[] {"0", "-2", "fast", "NaN", "Infinity"}) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> ReplaySettings.parseSpeed(bad), bad);
      assertTrue(error.getMessage().contains("PRICE_ENGINE_REPLAY_SPEED"), error.getMessage());
    }
  }
}
