package io.priceengine.simulations.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Acknowledgement latencies of the measured window, kept exactly: a run sends at most a few million
 * requests, so sorting them all is cheap and percentiles need no histogram approximation.
 */
final class LatencyRecorder {

  /** Percentiles in milliseconds; all zero when nothing was recorded. */
  record Summary(long count, double p50, double p99, double p999, double max, double mean) {
    /** The figures as a report's JSON object, in milliseconds. */
    Map<String, Object> toMap() {
      Map<String, Object> millis = new LinkedHashMap<>();
      millis.put("p50", p50);
      millis.put("p99", p99);
      millis.put("p99.9", p999);
      millis.put("max", max);
      millis.put("mean", mean);
      millis.put("count", count);
      return millis;
    }
  }

  private long[] nanos = new long[1 << 14];
  private int count;

  synchronized void record(long latencyNanos) {
    if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
    nanos[count++] = latencyNanos;
  }

  /** How many recorded latencies exceed {@code limitNanos}. */
  synchronized long countOver(long limitNanos) {
    long over = 0;
    for (int i = 0; i < count; i++) {
      if (nanos[i] > limitNanos) over++;
    }
    return over;
  }

  synchronized Summary summary() {
    if (count == 0) return new Summary(0, 0, 0, 0, 0, 0);
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    double total = 0;
    for (long latency : sorted) total += latency;
    return new Summary(
        count,
        millis(percentile(sorted, 0.50)),
        millis(percentile(sorted, 0.99)),
        millis(percentile(sorted, 0.999)),
        millis(sorted[count - 1]),
        millis(total / count));
  }

  /**
   * Nearest rank: the smallest latency that at least {@code fraction} of requests did not exceed.
   */
  private static long percentile(long[] sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.length - 1e-9); // 0.999 * 1000 is not exact
    return sorted[Math.max(0, rank - 1)];
  }

  private static double millis(double nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0; // microsecond resolution
  }
}
