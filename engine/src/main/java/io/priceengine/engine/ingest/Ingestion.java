package io.priceengine.engine.ingest;

import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way ticks reach the symbol entities, for HTTP batches and provider streams alike
 * (docs/architecture.md, "Write path"): a batch is split by symbol, order kept, and each symbol's
 * ticks go to its entity as one command; the answers come back in the batch's order, each counted
 * once in {@link ProviderStats} and timed for the metrics. An entity that did not answer in time
 * makes its ticks {@link SymbolEntity.Unavailable}, never a failed future.
 *
 * <p>It also bounds the node's durable work in flight (docs/reliability.md, "Overload"): ticks
 * handed to entities and not yet answered. Past {@code maxTicksInFlight}, {@link
 * #deliverIfAdmitted} refuses a batch before any of it is handed on; provider streams use {@link
 * #deliver}, are counted but never refused, and slow down by their own backpressure instead.
 */
public final class Ingestion {

  /** What a caller of {@link #deliver} is told about each symbol's answer, e.g. for metrics. */
  @FunctionalInterface
  public interface AnswerListener {
    AnswerListener NONE = (result, latency) -> {};

    /** One call per tick, with the time from handing its group to the entity until the answer. */
    void answered(SymbolEntity.UpdateResult result, Duration latency);
  }

  /** How hard to try: once (providers), or with delivery ids and one retry (HTTP ingest). */
  public enum Attempts {
    ONCE,
    RETRY_ONCE
  }

  private final SymbolEntities entities;
  private final ProviderCatalog providers;
  private final ProviderStats stats;
  private final Executor executor;
  private final long maxTicksInFlight;
  private final AtomicLong ticksInFlight = new AtomicLong();
  private final AtomicLong refusedBatches = new AtomicLong();
  private volatile AnswerListener listener = AnswerListener.NONE;

  /**
   * @param executor runs the bookkeeping of each answer; not the JDK common pool, which starts a
   *     thread per task on 2 cores (docs/architecture.md, "Measured facts")
   * @param maxTicksInFlight past this many ticks in flight on the node, {@link #deliverIfAdmitted}
   *     refuses
   */
  public Ingestion(
      SymbolEntities entities,
      ProviderCatalog providers,
      ProviderStats stats,
      Executor executor,
      long maxTicksInFlight) {
    this.entities = entities;
    this.providers = providers;
    this.stats = stats;
    this.executor = executor;
    this.maxTicksInFlight = maxTicksInFlight;
  }

  /** Ticks handed to entities on this node and not answered yet. */
  public long ticksInFlight() {
    return ticksInFlight.get();
  }

  /**
   * True when no batch can be admitted now (the ticks in flight have reached the bound), so that a
   * caller may refuse before it even reads the batch; counted as a refusal.
   */
  public boolean refuseIfFull() {
    if (ticksInFlight.get() < maxTicksInFlight) {
      return false;
    }
    refusedBatches.incrementAndGet();
    return true;
  }

  /** Batches {@link #deliverIfAdmitted} refused since the start. */
  public long refusedBatches() {
    return refusedBatches.get();
  }

  /**
   * {@link #deliver}, unless the node's ticks in flight would then exceed the bound: then empty,
   * and nothing of {@code ticks} was handed on. A batch is always admitted when nothing is in
   * flight, so no batch size is refused for ever.
   */
  public Optional<CompletionStage<List<SymbolEntity.UpdateResult>>> deliverIfAdmitted(
      List<Tick> ticks, Attempts attempts) {
    long current;
    do {
      current = ticksInFlight.get();
      if (current > 0 && current + ticks.size() > maxTicksInFlight) {
        refusedBatches.incrementAndGet();
        return Optional.empty();
      }
    } while (!ticksInFlight.compareAndSet(current, current + ticks.size()));
    return Optional.of(handOn(ticks, attempts));
  }

  /** Installs the listener (one per node: the HTTP layer's tick meters). */
  public void listen(AnswerListener answerListener) {
    this.listener = answerListener;
  }

  /**
   * Delivers {@code ticks} and answers with one result per tick, in their order. Counted in the
   * ticks in flight, never refused.
   */
  public CompletionStage<List<SymbolEntity.UpdateResult>> deliver(
      List<Tick> ticks, Attempts attempts) {
    ticksInFlight.addAndGet(ticks.size());
    return handOn(ticks, attempts);
  }

  /** Hands the ticks on, already counted in flight; each symbol's ticks leave it when answered. */
  private CompletionStage<List<SymbolEntity.UpdateResult>> handOn(
      List<Tick> ticks, Attempts attempts) {
    Map<String, List<Integer>> bySymbol = new LinkedHashMap<>();
    for (int i = 0; i < ticks.size(); i++) {
      bySymbol.computeIfAbsent(ticks.get(i).symbol(), s -> new ArrayList<>()).add(i);
    }
    SymbolEntity.UpdateResult[] results = new SymbolEntity.UpdateResult[ticks.size()];
    CompletableFuture<?>[] answers = new CompletableFuture<?>[bySymbol.size()];
    int next = 0;
    for (Map.Entry<String, List<Integer>> symbol : bySymbol.entrySet()) {
      List<Integer> indexes = symbol.getValue();
      List<Tick> group = new ArrayList<>(indexes.size());
      indexes.forEach(i -> group.add(ticks.get(i)));
      long asked = System.nanoTime();
      answers[next++] =
          entities
              .update(symbol.getKey(), group, attempts == Attempts.RETRY_ONCE)
              .handleAsync(
                  (answer, failure) -> {
                    ticksInFlight.addAndGet(-indexes.size());
                    Duration latency = Duration.ofNanos(System.nanoTime() - asked);
                    for (int k = 0; k < indexes.size(); k++) {
                      SymbolEntity.UpdateResult result =
                          failure != null
                              ? new SymbolEntity.Unavailable(
                                  "not persisted in time; retry this tick")
                              : answer.results().get(k);
                      results[indexes.get(k)] = result;
                      count(group.get(k), result);
                      listener.answered(result, latency);
                    }
                    return null;
                  },
                  executor)
              .toCompletableFuture();
    }
    return CompletableFuture.allOf(answers).thenApply(done -> Arrays.asList(results));
  }

  private void count(Tick tick, SymbolEntity.UpdateResult result) {
    String provider =
        tick.provider() != null && providers.find(tick.provider()).isPresent()
            ? tick.provider()
            : ProviderCatalog.PUSH;
    ProviderStats.Counters counters = stats.of(provider);
    if (result instanceof SymbolEntity.Accepted accepted) {
      counters.accepted(accepted.quote() != null ? accepted.quote().lastUpdated() : null);
    } else if (result instanceof SymbolEntity.Rejected rejected) {
      counters.rejected(rejected.rejection().code());
    } else {
      counters.error();
    }
  }
}
