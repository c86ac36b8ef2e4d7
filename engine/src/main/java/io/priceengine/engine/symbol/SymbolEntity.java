package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EffectBuilder;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.serialization.CborSerializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One symbol: the source of truth for its current quote (docs/architecture.md, "The actor owns the
 * quote"). Ticks are decided one by one in arrival order but written in groups: at most one journal
 * write is in flight, and the ticks that arrive meanwhile wait in a {@link PendingGroup} and are
 * written together as the next event (docs/architecture.md, "Write path"). A tick's history id is
 * the symbol's price counter. Reads answer from the durable state, which the entity also shows on
 * its node's {@link QuoteBoard}.
 */
public final class SymbolEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        SymbolEntity.Command, SymbolEntity.Event, SymbolEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Symbol");

  /** Where the entities and the streams that feed them run (see reference.conf). */
  public static final String INGEST_DISPATCHER = "price-engine.ingest-dispatcher";

  // --- protocol -------------------------------------------------------------------------------

  public sealed interface Command extends CborSerializable {}

  /**
   * Ticks of this symbol, in order; answered once every accepted one is durable, with one result
   * per tick. {@code deliveryIds} (one per tick, or empty for none): 0, or an id the caller chose
   * so that it may send the tick again (see {@link RecentDeliveries}); a tick whose id is among the
   * recent ones is acknowledged again without being written twice.
   */
  public record UpdatePrices(
      List<Tick> ticks, List<Long> deliveryIds, ActorRef<UpdateResults> replyTo)
      implements Command {
    long deliveryId(int index) {
      return deliveryIds.isEmpty() ? 0 : deliveryIds.get(index);
    }
  }

  public record GetQuote(ActorRef<QuoteReply> replyTo) implements Command {}

  /** Where the symbol's journal stands, for reading missed quotes back (QuoteReplay). */
  public record GetJournalPosition(ActorRef<JournalPosition> replyTo) implements Command {}

  public record Onboard(String companyName, ActorRef<OnboardResult> replyTo) implements Command {}

  public record Delist(ActorRef<DelistResult> replyTo) implements Command {}

  /** Sent to itself: write the pending group now (queued behind the commands already waiting). */
  record WritePending() implements Command {}

  public record UpdateResults(List<UpdateResult> results) implements CborSerializable {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Accepted.class, name = "accepted"),
    @JsonSubTypes.Type(value = Rejected.class, name = "rejected"),
    @JsonSubTypes.Type(value = Unavailable.class, name = "unavailable")
  })
  public sealed interface UpdateResult extends CborSerializable {}

  /**
   * {@code quote}: the quote this tick made (for a repeated delivery, the current one); null only
   * in an answer given while the entity restarts.
   */
  public record Accepted(long historyId, Quote quote) implements UpdateResult {}

  public record Rejected(Rejection rejection) implements UpdateResult {}

  /**
   * Not known to be persisted: the write failed or its outcome is unknown (the API's 503 {@code
   * unavailable}); the caller may send the tick again.
   */
  public record Unavailable(String message) implements UpdateResult {}

  /** {@code quote} is null while the symbol has no price. */
  public record QuoteReply(Quote quote) implements CborSerializable {
    public Optional<Quote> optional() {
      return Optional.ofNullable(quote);
    }
  }

  /** The durable state's last sequence number and last history id. */
  public record JournalPosition(long sequenceNr, long historyId) implements CborSerializable {}

  /** {@code created}: the symbol was unknown or inactive and is now active. */
  public record OnboardResult(boolean created, Listing listing) implements CborSerializable {}

  /** {@code found}: the symbol exists (it is inactive now). */
  public record DelistResult(boolean found) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {
    String symbol();
  }

  /**
   * Accepted ticks of the symbol written as one event: tick {@code i} has history id {@code
   * firstHistoryId + i} and delivery id {@code deliveryIds[i]} (0 for none).
   */
  public record PricesUpdated(
      String symbol,
      long firstHistoryId,
      Instant receivedAt,
      List<Tick> ticks,
      List<Long> deliveryIds)
      implements Event {
    public long lastHistoryId() {
      return firstHistoryId + ticks.size() - 1;
    }
  }

  /**
   * One tick per event, the format before group commit; still read from existing journals. Its
   * history id was the event's sequence number.
   */
  public record PriceUpdated(
      String symbol, long historyId, Tick tick, Instant receivedAt, long deliveryId)
      implements Event {}

  public record Onboarded(String symbol, String companyName, Instant at) implements Event {}

  public record Delisted(String symbol, Instant at) implements Event {}

  /**
   * {@code listing} is null until the symbol is first seen; {@code lastTick}/{@code lastUpdated}
   * are null until its first price; {@code historyId} is the id of the last accepted tick.
   */
  public record State(
      Listing listing,
      Tick lastTick,
      Instant lastUpdated,
      long historyId,
      RecentDeliveries recentDeliveries,
      RecentTickIds recentTickIds)
      implements CborSerializable {
    static final State EMPTY =
        new State(null, null, null, 0, RecentDeliveries.NONE, RecentTickIds.NONE);

    public State {
      // snapshots taken before deliveries or tick ids were remembered have none
      recentDeliveries = recentDeliveries == null ? RecentDeliveries.NONE : recentDeliveries;
      recentTickIds = recentTickIds == null ? RecentTickIds.NONE : recentTickIds;
    }

    boolean exists() {
      return listing != null;
    }

    boolean hasPrice() {
      return lastTick != null;
    }

    String status() {
      return listing.active() ? Quote.ACTIVE : Quote.INACTIVE;
    }

    Quote quote(ProviderCatalog providers, Instant now) {
      if (!hasPrice()) {
        return null;
      }
      return Quote.of(
          lastTick,
          lastUpdated,
          historyId,
          listing.companyName(),
          providers.isStale(lastTick.provider(), lastUpdated, now),
          status());
    }

    /** After one accepted tick; a first tick lists the symbol as added by a provider. */
    State withPrice(String symbol, Tick tick, Instant at, long id, long deliveryId) {
      Listing current =
          exists() ? listing : new Listing(symbol, null, true, Listing.ADDED_BY_PROVIDER, at);
      return new State(
          current.named(tick.companyName()),
          tick,
          at,
          id,
          recentDeliveries.with(deliveryId, id),
          recentTickIds.with(tick.tickId(), id));
    }

    State apply(Event event) {
      if (event instanceof PricesUpdated e) {
        State next = this;
        long id = e.firstHistoryId();
        for (int i = 0; i < e.ticks().size(); i++) {
          next =
              next.withPrice(
                  e.symbol(), e.ticks().get(i), e.receivedAt(), id++, e.deliveryIds().get(i));
        }
        return next;
      } else if (event instanceof PriceUpdated e) {
        return withPrice(e.symbol(), e.tick(), e.receivedAt(), e.historyId(), e.deliveryId());
      } else if (event instanceof Onboarded e) {
        Listing updated =
            exists()
                ? listing.named(e.companyName()).withActive(true)
                : new Listing(e.symbol(), e.companyName(), true, Listing.ADDED_BY_API, e.at());
        return new State(
            updated, lastTick, lastUpdated, historyId, recentDeliveries, recentTickIds);
      } else if (event instanceof Delisted) {
        return new State(
            listing.withActive(false),
            lastTick,
            lastUpdated,
            historyId,
            recentDeliveries,
            recentTickIds);
      }
      throw new IllegalStateException("unknown event " + event.getClass());
    }
  }

  // --- wiring -------------------------------------------------------------------------------

  /** What every symbol entity of a node shares. */
  public record Dependencies(
      SymbolSettings settings,
      ProviderCatalog providers,
      ActorRef<SymbolDirectory.Command> directory,
      QuotePublisher publisher,
      Clock clock,
      QuoteBoard board) {

    /** With a board of its own (tests, and nodes that read only through the entities). */
    public Dependencies(
        SymbolSettings settings,
        ProviderCatalog providers,
        ActorRef<SymbolDirectory.Command> directory,
        QuotePublisher publisher,
        Clock clock) {
      this(settings, providers, directory, publisher, clock, new QuoteBoard(providers, clock));
    }
  }

  public static void init(ActorSystem<?> system, Dependencies dependencies) {
    ClusterSharding.get(system)
        .init(
            Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), dependencies))
                .withEntityProps(DispatcherSelector.fromConfig(INGEST_DISPATCHER)));
  }

  public static Behavior<Command> create(String symbol, Dependencies dependencies) {
    return Behaviors.setup(
        ctx -> {
          GroupCommit commit =
              new GroupCommit(symbol, dependencies.providers(), dependencies.settings().sessions());
          TickIntake intake =
              new TickIntake(commit, dependencies.clock(), dependencies.settings().maxGroupTicks());
          return Behaviors.intercept(
              () -> intake, new SymbolEntity(ctx, symbol, dependencies, commit));
        });
  }

  private final ActorContext<Command> context;
  private final String symbol;
  private final Dependencies deps;
  private final GroupCommit commit;

  private SymbolEntity(
      ActorContext<Command> context, String symbol, Dependencies deps, GroupCommit commit) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), symbol),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.symbol = symbol;
    this.deps = deps;
    this.commit = commit;
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    // One case for all commands: every case the builder keeps is held by every entity.
    return newCommandHandlerWithReplyBuilder().forAnyState().onAnyCommand(this::onCommand);
  }

  private ReplyEffect<Event, State> onCommand(State state, Command command) {
    if (command instanceof UpdatePrices cmd) {
      commit.handled();
      return onUpdatePrices(state, cmd);
    } else if (command instanceof WritePending) {
      return onWritePending(state);
    } else if (command instanceof GetQuote cmd) {
      return Effect().reply(cmd.replyTo(), new QuoteReply(state.quote(deps.providers(), now())));
    } else if (command instanceof GetJournalPosition cmd) {
      return Effect()
          .reply(
              cmd.replyTo(), new JournalPosition(lastSequenceNumber(context), state.historyId()));
    } else if (command instanceof Onboard cmd) {
      commit.handled();
      return onOnboard(state, cmd);
    } else if (command instanceof Delist cmd) {
      commit.handled();
      return onDelist(state, cmd);
    }
    throw new IllegalStateException("unknown command " + command.getClass());
  }

  /**
   * Decides each tick after the pending ones and answers at once when nothing needs writing;
   * otherwise the caller waits for the write of the group, which starts when this actor's {@link
   * WritePending} comes round (or now, when the group is full). While a write is in flight this
   * handler does not run: Akka stashes the commands and hands them over when it completes.
   */
  private ReplyEffect<Event, State> onUpdatePrices(State state, UpdatePrices cmd) {
    int maxGroupTicks = deps.settings().maxGroupTicks();
    if (commit.pendingTicks() >= maxGroupTicks) {
      // TickIntake filled the group during the last write: write it, and start the next group
      EffectBuilder<Event, State> full = writePending(state);
      commit.offer(state, cmd, now());
      queueWrite();
      return full.thenNoReply();
    }
    commit.offer(state, cmd, now());
    if (commit.pendingTicks() >= maxGroupTicks) {
      return writePending(state).thenNoReply();
    }
    queueWrite();
    return Effect().none().thenNoReply();
  }

  private void queueWrite() {
    if (commit.queueWrite()) {
      context.getSelf().tell(new WritePending());
    }
  }

  private ReplyEffect<Event, State> onWritePending(State state) {
    commit.writeDequeued();
    return commit.pendingTicks() == 0
        ? Effect().none().thenNoReply()
        : writePending(state).thenNoReply();
  }

  /**
   * Writes the pending group (if any) followed by {@code more}, in one atomic write; once durable,
   * publishes the group's quotes and answers its callers.
   */
  private EffectBuilder<Event, State> writePending(State state, Event... more) {
    PricesUpdated written = commit.take(now());
    List<Event> events = new ArrayList<>(1 + more.length);
    if (written != null) {
      events.add(written);
    }
    events.addAll(List.of(more));
    commit.writeStarted(state, events);
    Listing before = state.listing();
    return Effect()
        .persist(events)
        .thenRun(
            after -> {
              deps.board().put(symbol, after);
              if (!Objects.equals(before, after.listing())) {
                deps.directory().tell(new SymbolDirectory.Upsert(after.listing()));
              }
              commit.written(state, written, after, now()).forEach(deps.publisher()::publish);
            });
  }

  private ReplyEffect<Event, State> onOnboard(State state, Onboard cmd) {
    State current = commit.current(state);
    boolean created = !current.exists() || !current.listing().active();
    boolean renamed =
        cmd.companyName() != null
            && current.exists()
            && !cmd.companyName().equals(current.listing().companyName());
    if (!created && !renamed) {
      return Effect().reply(cmd.replyTo(), new OnboardResult(false, current.listing()));
    }
    return writePending(state, new Onboarded(symbol, cmd.companyName(), now()))
        .thenReply(cmd.replyTo(), after -> new OnboardResult(created, after.listing()));
  }

  private ReplyEffect<Event, State> onDelist(State state, Delist cmd) {
    State current = commit.current(state);
    if (!current.exists()) {
      return Effect().reply(cmd.replyTo(), new DelistResult(false));
    }
    if (!current.listing().active()) {
      return Effect().reply(cmd.replyTo(), new DelistResult(true));
    }
    return writePending(state, new Delisted(symbol, now()))
        .thenReply(cmd.replyTo(), after -> new DelistResult(true));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::recovered)
        .onSignal(PreRestart.instance(), state -> commit.failed())
        .onSignal(PostStop.instance(), state -> stopped())
        .build();
  }

  private void recovered(State state) {
    commit.recovered();
    if (state.exists()) {
      deps.board().put(symbol, state);
      // The directory is told after each change; re-telling on recovery repairs a change whose
      // message was lost in a crash (the directory ignores listings it already has).
      deps.directory().tell(new SymbolDirectory.Upsert(state.listing()));
    }
  }

  private void stopped() {
    deps.board().remove(symbol);
    commit.abandon();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(deps.settings().tagFor(event.symbol()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(deps.settings().snapshotEvery(), 2);
  }

  private Instant now() {
    return deps.clock().instant();
  }
}
