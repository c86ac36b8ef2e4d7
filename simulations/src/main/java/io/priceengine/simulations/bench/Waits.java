package io.priceengine.simulations.bench;

/**
 * Waiting for a moment of the run's own schedule (not a synchronisation: nothing else to await).
 */
final class Waits {

  private Waits() {}

  /** Sleeps until {@link System#nanoTime()} reaches {@code nanos}. */
  static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
    }
  }
}
