package io.priceengine.simulations.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine answered during the measured window: requests, accepted ticks, rejected ticks by
 * code, failed requests by HTTP status or by transport error, and acknowledgement latencies.
 * Thread-safe, because answers arrive on the HTTP client's threads.
 */
final class IngestTally {

  private final LongAdder requests = new LongAdder();
  private final LongAdder acknowledgements = new LongAdder();
  private final LongAdder acceptedTicks = new LongAdder();
  private final ConcurrentMap<String, LongAdder> rejectedByCode = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> firstErrorBodies = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> transportErrors = new ConcurrentHashMap<>();
  private final LatencyRecorder latencies = new LatencyRecorder();

  /** A 200 answer; only these count towards the latency percentiles. */
  void acknowledged(long latencyNanos, IngestReply reply) {
    requests.increment();
    acknowledgements.increment();
    acceptedTicks.add(reply.accepted());
    for (String code : reply.rejectedCodes()) increment(rejectedByCode, code);
    latencies.record(latencyNanos);
  }

  /** Any other HTTP status. */
  void failed(int status, String body) {
    requests.increment();
    String key = String.valueOf(status);
    increment(errorsByStatus, key);
    firstErrorBodies.putIfAbsent(key, IngestReply.abbreviate(body));
  }

  /** No HTTP answer at all (connection refused, timeout), or a 200 whose body was not a reply. */
  void transportFailed(String kind) {
    requests.increment();
    increment(transportErrors, kind);
  }

  long requests() {
    return requests.sum();
  }

  long acceptedTicks() {
    return acceptedTicks.sum();
  }

  long rejectedTicks() {
    return sum(rejectedByCode);
  }

  long httpAnswers() {
    return acknowledgements.sum() + sum(errorsByStatus);
  }

  Map<String, Long> rejectedByCode() {
    return snapshot(rejectedByCode);
  }

  Map<String, Long> errorsByStatus() {
    return snapshot(errorsByStatus);
  }

  Map<String, String> firstErrorBodies() {
    return new TreeMap<>(firstErrorBodies);
  }

  Map<String, Long> transportErrors() {
    return snapshot(transportErrors);
  }

  LatencyRecorder.Summary latency() {
    return latencies.summary();
  }

  private static void increment(ConcurrentMap<String, LongAdder> counts, String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static long sum(ConcurrentMap<String, LongAdder> counts) {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static Map<String, Long> snapshot(ConcurrentMap<String, LongAdder> counts) {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((key, count) -> sorted.put(key, count.sum()));
    return sorted;
  }
}
