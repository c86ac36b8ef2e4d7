package io.priceengine.simulations.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests of an overload run as the client saw them: what was offered and not offered, each
 * answer by kind with its latency, and the ticks acknowledged per second of the window (first
 * attempts only; retries after the window are counted apart). Thread-safe.
 */
final class OverloadTally {

  /** An answer to an ingest request, by what it says about the request's ticks. */
  enum Answer {
    /** 200: the reply lists which ticks were rejected, the rest are persisted. */
    ACKNOWLEDGED,
    /** 503 {@code overloaded}: refused before any of it was handed on. */
    OVERLOADED,
    /** 429 {@code rate_limited}: refused before any of it was handed on. */
    RATE_LIMITED,
    /** 503 {@code unavailable}: not known to be persisted. */
    UNAVAILABLE,
    /** Any other status, or a 200 that is no ingest reply: not known either. */
    OTHER;

    /** The kind of an HTTP answer; a 200 still has to parse as a reply to be ACKNOWLEDGED. */
    static Answer of(int status, String body) {
      if (status == 200) return ACKNOWLEDGED;
      String code = IngestReply.errorCode(body);
      if (status == 503 && "overloaded".equals(code)) return OVERLOADED;
      if (status == 503 && "unavailable".equals(code)) return UNAVAILABLE;
      if (status == 429 && "rate_limited".equals(code)) return RATE_LIMITED;
      return OTHER;
    }
  }

  /** The first seconds of the window, left out of its lowest 5 s: answers lag the first sends. */
  static final int RAMP_SECONDS = 5;

  private final LongAdder sentRequests = new LongAdder();
  private final LongAdder sentTicks = new LongAdder();
  private final LongAdder notOffered = new LongAdder();
  private final ConcurrentMap<Answer, LongAdder> answers = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> otherAnswers = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> rejectedByCode = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, String> firstBodies = new ConcurrentHashMap<>();
  private final LatencyRecorder acknowledged = new LatencyRecorder();
  private final LatencyRecorder overloaded = new LatencyRecorder();
  private final LatencyRecorder sendLag = new LatencyRecorder();
  private final AtomicLongArray acceptedPerSecond;
  private final LongAdder retryRequests = new LongAdder();
  private final LongAdder retriedTicks = new LongAdder();

  OverloadTally(int windowSeconds) {
    this.acceptedPerSecond = new AtomicLongArray(windowSeconds);
  }

  void sent(int ticks, long lagNanos) {
    sentRequests.increment();
    sentTicks.add(ticks);
    sendLag.record(lagNanos);
  }

  void notOffered() {
    notOffered.increment();
  }

  /**
   * One answer to a first attempt, of any kind but OTHER.
   *
   * @param windowSecond the second of the window it arrived in, or -1 when after the window
   */
  void answered(Answer answer, IngestReply reply, long latencyNanos, int windowSecond) {
    answers.computeIfAbsent(answer, a -> new LongAdder()).increment();
    switch (answer) {
      case ACKNOWLEDGED -> {
        acknowledged.record(latencyNanos);
        for (String code : reply.rejectedCodes()) increment(rejectedByCode, code);
        if (windowSecond >= 0 && windowSecond < acceptedPerSecond.length()) {
          acceptedPerSecond.addAndGet(windowSecond, reply.accepted());
        }
      }
      case OVERLOADED -> overloaded.record(latencyNanos);
      default -> {}
    }
  }

  /** An answer of kind OTHER to a first attempt: its status (or the transport failure) and body. */
  void other(String statusOrFailure, String body) {
    increment(otherAnswers, statusOrFailure);
    firstBodies.putIfAbsent(statusOrFailure, IngestReply.abbreviate(body));
  }

  void retried(int ticks) {
    retryRequests.increment();
    retriedTicks.add(ticks);
  }

  long sentRequests() {
    return sentRequests.sum();
  }

  long sentTicks() {
    return sentTicks.sum();
  }

  long notOfferedRequests() {
    return notOffered.sum();
  }

  long answers(Answer answer) {
    if (answer == Answer.OTHER) return otherAnswers().values().stream().mapToLong(c -> c).sum();
    LongAdder count = answers.get(answer);
    return count == null ? 0 : count.sum();
  }

  /** Answers of kind OTHER by status or transport failure, e.g. {@code "500"}. */
  Map<String, Long> otherAnswers() {
    Map<String, Long> other = new TreeMap<>();
    otherAnswers.forEach((key, count) -> other.put(key, count.sum()));
    return other;
  }

  Map<String, String> firstOtherBodies() {
    return new TreeMap<>(firstBodies);
  }

  Map<String, Long> rejectedByCode() {
    Map<String, Long> sorted = new TreeMap<>();
    rejectedByCode.forEach((code, count) -> sorted.put(code, count.sum()));
    return sorted;
  }

  LatencyRecorder.Summary acknowledgedLatency() {
    return acknowledged.summary();
  }

  LatencyRecorder.Summary overloadedLatency() {
    return overloaded.summary();
  }

  long overloadedSlowerThan(long millis) {
    return overloaded.countOver(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  LatencyRecorder.Summary sendLag() {
    return sendLag.summary();
  }

  long acceptedInWindow() {
    long sum = 0;
    for (int s = 0; s < acceptedPerSecond.length(); s++) sum += acceptedPerSecond.get(s);
    return sum;
  }

  /**
   * The lowest rate of accepted ticks over {@code span} consecutive seconds of the window after its
   * first {@link #RAMP_SECONDS}; NaN when the window is too short to have such a span.
   */
  double lowestRate(int span) {
    double lowest = Double.NaN;
    for (int from = RAMP_SECONDS; from + span <= acceptedPerSecond.length(); from++) {
      long sum = 0;
      for (int s = from; s < from + span; s++) sum += acceptedPerSecond.get(s);
      double rate = sum / (double) span;
      if (Double.isNaN(lowest) || rate < lowest) lowest = rate;
    }
    return lowest;
  }

  long retryRequests() {
    return retryRequests.sum();
  }

  long retriedTicks() {
    return retriedTicks.sum();
  }

  private static void increment(ConcurrentMap<String, LongAdder> counts, String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }
}
