package io.priceengine.http.upstream.poll;

import io.priceengine.engine.symbol.Tick;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Lets a polled quote through only when it is newer than the last one seen for its symbol: an
 * upstream quote that has not changed since the previous poll must not become another history row.
 * The first quote of a symbol is compared with its entity's current quote, so a node restart does
 * not store the last one again either. Kept across stream restarts.
 */
final class FreshQuotes {
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final Function<String, CompletionStage<Optional<Instant>>> currentSourceTimestamp;

  FreshQuotes(Function<String, CompletionStage<Optional<Instant>>> currentSourceTimestamp) {
    this.currentSourceTimestamp = currentSourceTimestamp;
  }

  CompletionStage<Optional<Tick>> ifNew(Tick tick) {
    if (lastSeen.containsKey(tick.symbol())) {
      return CompletableFuture.completedFuture(ifNewer(tick, null));
    }
    return currentSourceTimestamp
        .apply(tick.symbol())
        .thenApply(current -> ifNewer(tick, current.orElse(null)));
  }

  private Optional<Tick> ifNewer(Tick tick, Instant entityTimestamp) {
    boolean[] fresh = {false};
    lastSeen.compute(
        tick.symbol(),
        (symbol, seen) -> {
          Instant last = seen != null ? seen : entityTimestamp;
          if (last == null || tick.sourceTimestamp().isAfter(last)) {
            fresh[0] = true;
            return tick.sourceTimestamp();
          }
          return last;
        });
    return fresh[0] ? Optional.of(tick) : Optional.empty();
  }
}
