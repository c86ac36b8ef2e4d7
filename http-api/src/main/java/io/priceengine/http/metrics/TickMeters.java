package io.priceengine.http.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.ingest.Ingestion;
import io.priceengine.engine.symbol.SymbolEntity;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tick meters: accepted, rejected (by code) and failed ticks per provider, read from {@link
 * ProviderStats} (the counters the admin and provider endpoints show, so the figures agree), and
 * the latency of HTTP ingest's asks to the symbol entities. Providers and rejection codes appear as
 * they are first counted; both are small fixed sets, so the number of series stays bounded.
 */
public final class TickMeters {
  /** The outcome tag of {@link #persisted}: accepted, rejected or unavailable. */
  public static final String ACCEPTED = "accepted";

  public static final String REJECTED = "rejected";
  public static final String UNAVAILABLE = "unavailable";

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
    Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final ProviderStats stats;
  private final Map<String, Timer> persist;

  /** Provider and provider/code keys with registered counters (Micrometer warns on repeats). */
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  public TickMeters(MeterRegistry registry, ProviderStats stats) {
    this.registry = registry;
    this.stats = stats;
    this.persist =
        Map.of(
            ACCEPTED, persistTimer(ACCEPTED),
            REJECTED, persistTimer(REJECTED),
            UNAVAILABLE, persistTimer(UNAVAILABLE));
  }

  /**
   * Records one HTTP-ingested tick's ask: from sending it to its entity until the answer ({@code
   * accepted}: the event is in the journal) or until the ask gave up ({@code unavailable}).
   */
  public void persisted(String outcome, Duration latency) {
    persist.get(outcome).record(latency);
  }

  /** The node's admission control: ticks in flight and the ingest requests it refused. */
  public static void bind(MeterRegistry registry, Ingestion ingestion) {
    Gauge.builder(
            EngineMetrics.PREFIX + "ingest.ticks.in.flight", ingestion, i -> i.ticksInFlight())
        .description("ticks handed to symbol entities on this node and not answered yet")
        .register(registry);
    FunctionCounter.builder(
            EngineMetrics.PREFIX + "ingest.overloaded", ingestion, i -> i.refusedBatches())
        .description("ingest requests refused with 503 overloaded (nothing of them persisted)")
        .register(registry);
  }

  /** {@link io.priceengine.engine.ingest.Ingestion}'s listener: one call per answered tick. */
  public void answered(SymbolEntity.UpdateResult result, Duration latency) {
    persisted(
        result instanceof SymbolEntity.Accepted
            ? ACCEPTED
            : result instanceof SymbolEntity.Rejected ? REJECTED : UNAVAILABLE,
        latency);
  }

  private Timer persistTimer(String outcome) {
    return Timer.builder(EngineMetrics.PREFIX + "tick.persist")
        .description(
            "HTTP ingest: time from asking a symbol's entity until its answer; for accepted ticks"
                + " this includes the journal write")
        .tag("outcome", outcome)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  /** Registers the counters of providers and rejection codes seen since the last call. */
  void refresh() {
    stats.all().forEach(this::register);
  }

  private void register(String provider, ProviderStats.Counters counters) {
    if (registered.add(provider)) {
      registerTotals(provider, counters);
    }
    for (String code : counters.rejectionCodes()) {
      if (registered.add(provider + "/" + code)) {
        FunctionCounter.builder(
                EngineMetrics.PREFIX + "ticks.rejected", counters, c -> c.rejectedCount(code))
            .description("Ticks refused, by rejection code (API.md)")
            .tags("provider", provider, "code", code)
            .register(registry);
      }
    }
  }

  private void registerTotals(String provider, ProviderStats.Counters counters) {
    FunctionCounter.builder(
            EngineMetrics.PREFIX + "ticks.accepted",
            counters,
            ProviderStats.Counters::acceptedCount)
        .description("Ticks persisted by their symbol's entity")
        .tag("provider", provider)
        .register(registry);
    FunctionCounter.builder(
            EngineMetrics.PREFIX + "ticks.failed", counters, ProviderStats.Counters::errorCount)
        .description(
            "Ticks (or provider stream failures) that got no answer: ask timeout, persistence down")
        .tag("provider", provider)
        .register(registry);
  }
}
