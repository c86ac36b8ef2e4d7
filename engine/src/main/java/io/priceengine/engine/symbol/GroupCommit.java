package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The entity's side of group commit (docs/architecture.md, "Write path"): the pending group, the
 * callers waiting on it and on the write in flight, and their answers. Confined to the entity's
 * thread. It outlives a restart after a failed write (the supervisor restarts only the inner
 * behavior), so the entity calls {@link #abandon} whenever it restarts, stops or recovers.
 */
final class GroupCommit {

  /** A caller of {@link SymbolEntity.UpdatePrices} whose accepted ticks wait for a write. */
  private record Waiter(
      ActorRef<SymbolEntity.UpdateResults> replyTo, List<PendingGroup.Decision> decisions) {}

  private final String symbol;
  private final ProviderCatalog providers;
  private PendingGroup pending; // null while no tick waits
  private final List<Waiter> waiting = new ArrayList<>(); // callers of the pending group
  private List<Waiter> writing = List.of(); // callers of the write in flight
  private boolean writeQueued; // a WritePending is on its way to the entity

  GroupCommit(String symbol, ProviderCatalog providers) {
    this.symbol = symbol;
    this.providers = providers;
  }

  /**
   * Decides the command's ticks after the pending ones; answers at once when none of them needs a
   * write, otherwise keeps the caller until the group is written.
   */
  void offer(SymbolEntity.State durable, SymbolEntity.UpdatePrices cmd, Instant now) {
    if (pending == null) {
      pending = new PendingGroup(symbol, durable);
    }
    List<PendingGroup.Decision> decisions = new ArrayList<>(cmd.ticks().size());
    boolean waits = false;
    for (int i = 0; i < cmd.ticks().size(); i++) {
      PendingGroup.Decision decision =
          pending.offer(cmd.ticks().get(i), cmd.deliveryId(i), providers, now);
      decisions.add(decision);
      waits |= !decision.durable();
    }
    if (waits) {
      waiting.add(new Waiter(cmd.replyTo(), decisions));
    } else {
      cmd.replyTo().tell(results(decisions, List.of(), durable, now));
    }
    if (pending.isEmpty()) {
      pending = null;
    }
  }

  /** How many ticks wait for the next write. */
  int pendingTicks() {
    return pending == null ? 0 : pending.size();
  }

  /** True when the entity should send itself a WritePending now (none is on its way). */
  boolean queueWrite() {
    if (pending == null || writeQueued) {
      return false;
    }
    writeQueued = true;
    return true;
  }

  /** The WritePending arrived. */
  void writeDequeued() {
    writeQueued = false;
  }

  /** The state the commands so far lead to, pending ticks included. */
  SymbolEntity.State current(SymbolEntity.State durable) {
    return pending == null ? durable : pending.projected();
  }

  /**
   * Takes the pending group for writing: its event, or null when no tick waits. Its callers now
   * wait on that write.
   */
  SymbolEntity.PricesUpdated take(Instant now) {
    SymbolEntity.PricesUpdated event = pending == null ? null : pending.event(now);
    pending = null;
    writing = List.copyOf(waiting);
    waiting.clear();
    return event;
  }

  /** The write of {@code event} completed: answers its callers; returns the quotes it made. */
  List<Quote> written(
      SymbolEntity.State before,
      SymbolEntity.PricesUpdated event,
      SymbolEntity.State after,
      Instant now) {
    List<Quote> quotes = PendingGroup.quotes(before, event, after.status(), providers, now);
    for (Waiter waiter : writing) {
      waiter.replyTo().tell(results(waiter.decisions(), quotes, after, now));
    }
    writing = List.of();
    return quotes;
  }

  /**
   * Answers every caller still waiting with {@code unavailable} (the write failed or its outcome is
   * unknown) and forgets the pending group.
   */
  void abandon() {
    SymbolEntity.Unavailable unavailable =
        new SymbolEntity.Unavailable("the journal write failed; retry this tick");
    List<Waiter> callers = new ArrayList<>(writing);
    callers.addAll(waiting);
    for (Waiter waiter : callers) {
      List<SymbolEntity.UpdateResult> results = new ArrayList<>(waiter.decisions().size());
      for (PendingGroup.Decision decision : waiter.decisions()) {
        if (!decision.durable()) {
          results.add(unavailable);
        } else if (decision.accepted()) {
          results.add(new SymbolEntity.Accepted(decision.historyId(), null));
        } else {
          results.add(new SymbolEntity.Rejected(decision.rejection()));
        }
      }
      waiter.replyTo().tell(new SymbolEntity.UpdateResults(results));
    }
    writing = List.of();
    waiting.clear();
    pending = null;
    writeQueued = false;
  }

  /** Results in tick order; an accepted tick gets the quote it made, or the current one. */
  private SymbolEntity.UpdateResults results(
      List<PendingGroup.Decision> decisions,
      List<Quote> written,
      SymbolEntity.State current,
      Instant now) {
    List<SymbolEntity.UpdateResult> results = new ArrayList<>(decisions.size());
    long first = written.isEmpty() ? Long.MAX_VALUE : written.get(0).historyId();
    for (PendingGroup.Decision decision : decisions) {
      if (!decision.accepted()) {
        results.add(new SymbolEntity.Rejected(decision.rejection()));
      } else if (decision.historyId() >= first) {
        int index = (int) (decision.historyId() - first);
        results.add(new SymbolEntity.Accepted(decision.historyId(), written.get(index)));
      } else {
        results.add(new SymbolEntity.Accepted(decision.historyId(), current.quote(providers, now)));
      }
    }
    return new SymbolEntity.UpdateResults(results);
  }
}
