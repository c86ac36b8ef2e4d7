package io.priceengine.simulations.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * When each measured update reached a client, as (push time, arrival time) pairs on {@link
 * MeasuredWindow#micros()}. Latency is taken from the push (what a market feed sees) and, after the
 * run, also from the HTTP acknowledgement of the tick's request, i.e. from the moment the journal
 * had it: the second isolates the fan-out from ingestion, and is negative when the quote reached
 * the client before the acknowledgement reached the pusher (an entity publishes before it replies).
 */
final class Arrivals {
  private long[] pushed = new long[1 << 16];
  private long[] arrived = new long[1 << 16];
  private int count;

  synchronized void record(long pushedAtMicros, long arrivalMicros) {
    if (count == pushed.length) {
      pushed = Arrays.copyOf(pushed, count * 2);
      arrived = Arrays.copyOf(arrived, count * 2);
    }
    pushed[count] = pushedAtMicros;
    arrived[count++] = arrivalMicros;
  }

  synchronized LatencyRecorder.Summary sincePush() {
    LatencyRecorder latencies = new LatencyRecorder();
    for (int i = 0; i < count; i++) {
      latencies.record((arrived[i] - pushed[i]) * 1_000);
    }
    return latencies.summary();
  }

  /** Updates whose request got no acknowledgement are left out. */
  synchronized LatencyRecorder.Summary sinceAcknowledgement(Map<Long, Long> acknowledgedAt) {
    LatencyRecorder latencies = new LatencyRecorder();
    for (int i = 0; i < count; i++) {
      Long acknowledged = acknowledgedAt.get(pushed[i]);
      if (acknowledged != null) {
        latencies.record((arrived[i] - acknowledged) * 1_000);
      }
    }
    return latencies.summary();
  }
}
