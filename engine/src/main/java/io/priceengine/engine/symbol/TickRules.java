package io.priceengine.engine.symbol;

import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a symbol takes a tick, given the state it would follow: the tick's own validity, the
 * clock-skew bound, the listing, provider priority and staleness, and source-timestamp order
 * (docs/architecture.md, "Staleness and failover"). Pure: the same inputs give the same answer,
 * whether the tick comes alone or inside a group.
 */
final class TickRules {
  /** How far a source timestamp may run ahead of this node's clock. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private TickRules() {}

  /** The first rule {@code tick} breaks when it follows {@code state}, or empty. */
  static Optional<Rejection> check(
      String symbol, SymbolEntity.State state, Tick tick, ProviderCatalog providers, Instant now) {
    Optional<Rejection> invalid = tick.validate(providers);
    if (invalid.isPresent()) {
      return invalid;
    }
    if (tick.sourceTimestamp().isAfter(now.plus(MAX_CLOCK_SKEW))) {
      // A far-future timestamp would make every later tick "stale" and freeze the symbol.
      return Optional.of(
          Rejection.invalidRequest(
              "sourceTimestamp is more than " + MAX_CLOCK_SKEW + " in the future"));
    }
    if (!symbol.equals(tick.symbol())) {
      return Optional.of(
          Rejection.invalidRequest("tick for " + tick.symbol() + " sent to " + symbol));
    }
    if (state.exists()
        && !state.listing().active()
        && !ProviderCatalog.PUSH.equals(tick.provider())) {
      return Optional.of(Rejection.invalidRequest("symbol " + symbol + " is inactive"));
    }
    if (!state.hasPrice()) {
      return Optional.empty();
    }
    Tick last = state.lastTick();
    if (!providers.mayReplace(tick.provider(), last.provider(), state.lastUpdated(), now)) {
      return Optional.of(
          new Rejection(
              Rejection.PROVIDER_NOT_PREFERRED,
              "provider " + last.provider() + " owns " + symbol + " and its quote is fresh"));
    }
    if (tick.sourceTimestamp().isBefore(last.sourceTimestamp())) {
      return Optional.of(
          new Rejection(
              Rejection.STALE_TICK,
              "sourceTimestamp is older than the current quote's " + last.sourceTimestamp()));
    }
    return Optional.empty();
  }
}
