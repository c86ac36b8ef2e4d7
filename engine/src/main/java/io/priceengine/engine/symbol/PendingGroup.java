package io.priceengine.engine.symbol;

import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The ticks of one symbol that wait for its next journal write (docs/architecture.md, "Write
 * path"). Each offered tick is decided against the state that the durable state and the accepted
 * ticks before it lead to, so a group decides exactly as the same ticks would one by one; accepted
 * ticks take the next history ids, and the group is written as one {@link
 * SymbolEntity.PricesUpdated}. No I/O and no actor: the entity holds one at a time and tests drive
 * it directly.
 */
final class PendingGroup {

  /**
   * What became of one offered tick: rejected, or accepted with its history id; {@code durable}
   * when nothing needs to be written for it (a rejection, or a delivery already in the journal).
   */
  record Decision(Rejection rejection, long historyId, boolean durable) {
    static Decision rejected(Rejection rejection) {
      return new Decision(rejection, 0, true);
    }

    boolean accepted() {
      return rejection == null;
    }
  }

  private final String symbol;
  private final SessionCalendar sessions;
  private final SymbolEntity.State base;
  private final long durableHistoryId;
  private SymbolEntity.State projected;
  private final List<Tick> ticks = new ArrayList<>();
  private final List<Long> deliveryIds = new ArrayList<>();

  PendingGroup(String symbol, SessionCalendar sessions, SymbolEntity.State durable) {
    this(symbol, sessions, durable, durable.historyId());
  }

  /**
   * A group that follows {@code base}: the durable state, or the state a write in flight leads to;
   * ids up to {@code durableHistoryId} are in the journal.
   */
  PendingGroup(
      String symbol, SessionCalendar sessions, SymbolEntity.State base, long durableHistoryId) {
    this.symbol = symbol;
    this.sessions = sessions;
    this.base = base;
    this.durableHistoryId = durableHistoryId;
    this.projected = base;
  }

  /**
   * Decides {@code tick} after the ticks already in the group, and adds it when accepted. A tick
   * whose delivery id or tick id the symbol has accepted before (durably or in this group) is that
   * acceptance again and adds nothing.
   */
  Decision offer(Tick tick, long deliveryId, ProviderCatalog providers, Instant now) {
    OptionalLong known =
        deliveryId != 0
            ? projected.recentDeliveries().historyIdOf(deliveryId)
            : OptionalLong.empty();
    if (known.isEmpty() && tick.tickId() != null) {
      known = projected.recentTickIds().historyIdOf(tick.tickId());
    }
    if (known.isPresent()) {
      long id = known.getAsLong();
      return new Decision(null, id, id <= durableHistoryId);
    }
    Optional<Rejection> rejection = TickRules.check(symbol, projected, tick, providers, now);
    if (rejection.isPresent()) {
      return Decision.rejected(rejection.get());
    }
    long historyId = projected.historyId() + 1;
    Tick completed = SessionStatistics.complete(projected.lastTick(), tick, sessions);
    projected = projected.withPrice(symbol, completed, now, historyId, deliveryId);
    ticks.add(completed);
    deliveryIds.add(deliveryId);
    return new Decision(null, historyId, false);
  }

  boolean isEmpty() {
    return ticks.isEmpty();
  }

  int size() {
    return ticks.size();
  }

  /** The state after the group, as far as it is known before the write (times differ). */
  SymbolEntity.State projected() {
    return projected;
  }

  /** The group as the event to write; call only when it is not empty. */
  SymbolEntity.PricesUpdated event(Instant receivedAt) {
    return new SymbolEntity.PricesUpdated(
        symbol, base.historyId() + 1, receivedAt, List.copyOf(ticks), List.copyOf(deliveryIds));
  }

  /**
   * The quote each tick of {@code event} made, oldest first, as it would have been shown had the
   * ticks come one by one: the company name as of that tick, the status after the group.
   */
  static List<Quote> quotes(
      SymbolEntity.State before,
      SymbolEntity.PricesUpdated event,
      String status,
      ProviderCatalog providers,
      Instant now) {
    List<Quote> quotes = new ArrayList<>(event.ticks().size());
    String companyName = before.exists() ? before.listing().companyName() : null;
    long historyId = event.firstHistoryId();
    for (Tick tick : event.ticks()) {
      if (tick.companyName() != null) {
        companyName = tick.companyName();
      }
      boolean stale = providers.isStale(tick.provider(), event.receivedAt(), now);
      quotes.add(Quote.of(tick, event.receivedAt(), historyId++, companyName, stale, status));
    }
    return quotes;
  }
}
