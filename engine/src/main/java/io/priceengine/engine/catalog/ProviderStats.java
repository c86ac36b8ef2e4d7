package io.priceengine.engine.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters per provider (ticks accepted and rejected, errors, last accepted tick) and whether
 * its feed is up, shared by the ingestion streams and the HTTP push path; read by the status
 * endpoints.
 */
public final class ProviderStats {

  /** One provider's counters. Thread-safe; written from stream stages and HTTP handlers. */
  public static final class Counters {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    // Rejection codes are a small fixed set (Rejection), so this map stays small.
    private final Map<String, LongAdder> rejectedByCode = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<Instant> lastTickAt = new AtomicReference<>();
    private volatile boolean streamRunning;
    // Null for providers without an upstream connection (their stream running is all that counts).
    private volatile Boolean upstreamUp;

    /** A tick persisted; {@code at} is when (null when not known). */
    public void accepted(Instant at) {
      accepted.increment();
      if (at == null) {
        return;
      }
      lastTickAt.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    /** A tick refused for {@code code} (a {@code Rejection} code, e.g. {@code stale_tick}). */
    public void rejected(String code) {
      rejected.increment();
      rejectedByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    public void error() {
      errors.increment();
    }

    /**
     * Set by the provider's ingestion stream while the provider's stream runs (between restarts).
     */
    public void streamRunning(boolean running) {
      streamRunning = running;
    }

    /** Set by providers that depend on an upstream: connected, or its last request succeeded. */
    public void upstreamUp(boolean up) {
      upstreamUp = up;
    }

    /** The stream runs and its upstream, if it has one, answers. */
    public boolean isUp() {
      return streamRunning && !Boolean.FALSE.equals(upstreamUp);
    }

    public long acceptedCount() {
      return accepted.sum();
    }

    public long rejectedCount() {
      return rejected.sum();
    }

    /** The rejection codes seen so far. */
    public Set<String> rejectionCodes() {
      return Set.copyOf(rejectedByCode.keySet());
    }

    /** Ticks rejected with {@code code} so far. */
    public long rejectedCount(String code) {
      LongAdder count = rejectedByCode.get(code);
      return count == null ? 0 : count.sum();
    }

    public long errorCount() {
      return errors.sum();
    }

    public Optional<Instant> lastTickAt() {
      return Optional.ofNullable(lastTickAt.get());
    }
  }

  private final Map<String, Counters> byProvider = new ConcurrentHashMap<>();

  public Counters of(String provider) {
    return byProvider.computeIfAbsent(provider, p -> new Counters());
  }

  /** Every provider's counters so far, by provider code. */
  public Map<String, Counters> all() {
    return Map.copyOf(byProvider);
  }

  public long totalAccepted() {
    return byProvider.values().stream().mapToLong(Counters::acceptedCount).sum();
  }

  public long totalRejected() {
    return byProvider.values().stream().mapToLong(Counters::rejectedCount).sum();
  }
}
