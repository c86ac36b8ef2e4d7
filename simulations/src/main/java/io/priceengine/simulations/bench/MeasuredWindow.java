package io.priceengine.simulations.bench;

/**
 * The measured part of a fan-out run, on one clock shared by the pusher (push times) and the
 * clients (arrival times): microseconds since this class was loaded. Empty until {@link #open}.
 */
final class MeasuredWindow {
  private static final long ORIGIN = System.nanoTime();

  private volatile long startMicros = Long.MAX_VALUE;
  private volatile long endMicros = Long.MIN_VALUE;

  static long micros() {
    return (System.nanoTime() - ORIGIN) / 1_000;
  }

  /** Measures from {@code delayMicros} from now, for {@code lengthMicros}. */
  void open(long delayMicros, long lengthMicros) {
    long start = micros() + delayMicros;
    endMicros = start + lengthMicros;
    startMicros = start;
  }

  boolean contains(long micros) {
    return micros >= startMicros && micros <= endMicros;
  }

  long endMicros() {
    return endMicros;
  }
}
