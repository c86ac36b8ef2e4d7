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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The one way ticks reach the symbol entities, for HTTP batches and provider streams alike
 * (docs/architecture.md, "Write path"): a batch is split by symbol, order kept, and each symbol's
 * ticks go to its entity as one command; the answers come back in the batch's order, each counted
 * once in {@link ProviderStats} and timed for the metrics. An entity that did not answer in time
 * makes its ticks {@link SymbolEntity.Unavailable}, never a failed future.
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
  private volatile AnswerListener listener = AnswerListener.NONE;

  /**
   * @param executor runs the bookkeeping of each answer; not the JDK common pool, which starts a
   *     thread per task on 2 cores (docs/architecture.md, "Measured facts")
   */
  public Ingestion(
      SymbolEntities entities, ProviderCatalog providers, ProviderStats stats, Executor executor) {
    this.entities = entities;
    this.providers = providers;
    this.stats = stats;
    this.executor = executor;
  }

  /** Installs the listener (one per node: the HTTP layer's tick meters). */
  public void listen(AnswerListener answerListener) {
    this.listener = answerListener;
  }

  /** Delivers {@code ticks} and answers with one result per tick, in their order. */
  public CompletionStage<List<SymbolEntity.UpdateResult>> deliver(
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
