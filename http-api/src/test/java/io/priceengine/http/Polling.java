package io.priceengine.http;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polling with a deadline, for conditions that become true asynchronously. */
public final class Polling {
  private Polling() {}

  /** Retries {@code assertion} until it passes or {@code timeout} runs out (then rethrows). */
  public static void await(Duration timeout, Runnable assertion) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        assertion.run();
        return;
      } catch (AssertionError e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
        pause();
      }
    }
  }

  public static <T> T await(
      Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
    Instant deadline = Instant.now().plus(timeout);
    T current = value.get();
    while (!done.test(current)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "condition not met within " + timeout + "; last value: " + current);
      }
      pause();
      current = value.get();
    }
    return current;
  }

  static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
