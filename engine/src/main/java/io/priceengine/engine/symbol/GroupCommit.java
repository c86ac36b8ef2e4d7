package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The entity's side of group commit (docs/architecture.md, "Write path"): the pending group, the
 * callers waiting on it and on the write in flight, and their answers. Confined to the entity's
 * thread, shared by the entity and its {@link TickIntake}. It outlives a restart after a failed
 * write (the supervisor restarts only the inner behavior), so the entity calls {@link #failed},
 * {@link #recovered} or {@link #abandon} whenever it restarts, recovers or stops: no caller is left
 * without an answer.
 */
final class GroupCommit {

  /** A caller of {@link SymbolEntity.UpdatePrices} whose accepted ticks wait for a write. */
  private record Waiter(
      ActorRef<SymbolEntity.UpdateResults> replyTo, List<PendingGroup.Decision> decisions) {}

  private final String symbol;
  private final ProviderCatalog providers;
  private final SessionCalendar sessions;
  private PendingGroup pending; // null while no tick waits
  private final List<Waiter> waiting = new ArrayList<>(); // callers of the pending group
  private final List<Waiter> writing = new ArrayList<>(); // callers of the write in flight
  private SymbolEntity.State beforeWrite; // the durable state while a write is in flight; else null
  private List<SymbolEntity.Event> writtenEvents; // the events of the write in flight
  private SymbolEntity.State afterWrite; // the state they lead to, once a tick needed it
  private boolean writeQueued; // a WritePending is on its way to the entity
  private boolean restarting; // from a failed write (or recovery) until recovery completes
  private long handedOver; // commands that can change tick decisions, passed to the entity
  private long handled; // ... and handled by it; fewer while some wait in its stash

  GroupCommit(String symbol, ProviderCatalog providers, SessionCalendar sessions) {
    this.symbol = symbol;
    this.providers = providers;
    this.sessions = sessions;
  }

  /**
   * Decides the command's ticks after the pending ones; answers at once when none of them needs a
   * write, otherwise keeps the caller until the write that makes its ticks durable. While a write
   * is in flight, new ticks follow the state that write leads to ({@link TickIntake}).
   */
  void offer(SymbolEntity.State durable, SymbolEntity.UpdatePrices cmd, Instant now) {
    SymbolEntity.State base = writeInFlight() ? afterWrite() : durable;
    if (pending == null) {
      pending = new PendingGroup(symbol, sessions, base, durable.historyId());
    }
    List<PendingGroup.Decision> decisions = new ArrayList<>(cmd.ticks().size());
    long lastWaitedFor = 0;
    for (int i = 0; i < cmd.ticks().size(); i++) {
      PendingGroup.Decision decision =
          pending.offer(cmd.ticks().get(i), cmd.deliveryId(i), providers, now);
      decisions.add(decision);
      if (!decision.durable()) {
        lastWaitedFor = Math.max(lastWaitedFor, decision.historyId());
      }
    }
    if (lastWaitedFor == 0) {
      cmd.replyTo().tell(results(decisions, List.of(), durable, now));
    } else if (lastWaitedFor <= base.historyId()) {
      // only ticks of the write in flight, delivered again: answered when it completes
      writing.add(new Waiter(cmd.replyTo(), decisions));
    } else {
      waiting.add(new Waiter(cmd.replyTo(), decisions));
    }
    if (pending.isEmpty()) {
      pending = null;
    }
  }

  /** {@link #offer} while a write is in flight (see {@link #writeInFlight}). */
  void offerDuringWrite(SymbolEntity.UpdatePrices cmd, Instant now) {
    offer(beforeWrite, cmd, now);
  }

  /** A command that can change tick decisions (ticks, listing changes) goes to the entity. */
  void handedOver() {
    handedOver++;
  }

  /** The entity's command handler took such a command. */
  void handled() {
    handled++;
  }

  /**
   * True when no command that can change tick decisions waits in the entity's stash: only then may
   * a new tick be decided ahead of the stash without changing the order of decisions.
   */
  boolean entityCaughtUp() {
    return handled == handedOver;
  }

  /** True while a journal write of this symbol is in flight. */
  boolean writeInFlight() {
    return beforeWrite != null;
  }

  /** The state the write in flight leads to: computed when a tick first needs it. */
  private SymbolEntity.State afterWrite() {
    if (afterWrite == null) {
      SymbolEntity.State state = beforeWrite;
      for (SymbolEntity.Event event : writtenEvents) {
        state = state.apply(event);
      }
      afterWrite = state;
    }
    return afterWrite;
  }

  /**
   * True from a failed write until the restarted entity has recovered: ticks are answered {@code
   * unavailable} at once instead of waiting out the restart's backoff.
   */
  boolean restarting() {
    return restarting;
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
    writing.addAll(waiting);
    waiting.clear();
    return event;
  }

  /** {@code events} are being written after the durable state {@code before}. */
  void writeStarted(SymbolEntity.State before, List<SymbolEntity.Event> events) {
    beforeWrite = before;
    writtenEvents = events;
    afterWrite = null;
  }

  /**
   * The write in flight completed: answers its callers; returns the quotes its group ({@code
   * event}, null when it held no ticks) made.
   */
  List<Quote> written(
      SymbolEntity.State before,
      SymbolEntity.PricesUpdated event,
      SymbolEntity.State after,
      Instant now) {
    List<Quote> quotes =
        event == null
            ? List.of()
            : PendingGroup.quotes(before, event, after.status(), providers, now);
    for (Waiter waiter : writing) {
      waiter.replyTo().tell(results(waiter.decisions(), quotes, after, now));
    }
    writing.clear();
    beforeWrite = null;
    writtenEvents = null;
    afterWrite = null;
    return quotes;
  }

  /** The entity failed (a write or a recovery) and restarts: answers everyone, then refuses. */
  void failed() {
    abandon();
    restarting = true;
  }

  /** The entity recovered: nothing is pending, and ticks are taken again. */
  void recovered() {
    abandon();
    restarting = false;
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
    writing.clear();
    waiting.clear();
    pending = null;
    beforeWrite = null;
    writtenEvents = null;
    afterWrite = null;
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
