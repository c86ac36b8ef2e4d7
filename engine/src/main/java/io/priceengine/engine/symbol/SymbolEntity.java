package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.priceengine.engine.CborSerializable;
import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One symbol: the source of truth for its current quote (DESIGN.md decision 1). Validates every
 * tick against the current quote (staleness, provider priority), persists accepted ones and
 * publishes the resulting quote. The history id of a price is the sequence number of its event.
 */
public final class SymbolEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        SymbolEntity.Command, SymbolEntity.Event, SymbolEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, "Symbol");

  /** How far a source timestamp may run ahead of this node's clock. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  // --- protocol -------------------------------------------------------------------------------

  public sealed interface Command extends CborSerializable {}

  /**
   * {@code deliveryId}: 0, or an id the caller chose for this tick so that it may send it again
   * (see {@link RecentDeliveries}); a tick whose id is among the recent ones is acknowledged again.
   */
  public record UpdatePrice(Tick tick, long deliveryId, ActorRef<UpdateResult> replyTo)
      implements Command {}

  public record GetQuote(ActorRef<QuoteReply> replyTo) implements Command {}

  public record Onboard(String companyName, ActorRef<OnboardResult> replyTo) implements Command {}

  public record Delist(ActorRef<DelistResult> replyTo) implements Command {}

  public sealed interface UpdateResult extends CborSerializable {}

  public record Accepted(long historyId, Quote quote) implements UpdateResult {}

  public record Rejected(Rejection rejection) implements UpdateResult {}

  /** {@code quote} is null while the symbol has no price. */
  public record QuoteReply(Quote quote) implements CborSerializable {
    public Optional<Quote> optional() {
      return Optional.ofNullable(quote);
    }
  }

  /** {@code created}: the symbol was unknown or inactive and is now active. */
  public record OnboardResult(boolean created, Listing listing) implements CborSerializable {}

  /** {@code found}: the symbol exists (it is inactive now). */
  public record DelistResult(boolean found) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {
    String symbol();
  }

  /** {@code deliveryId}: the command's, 0 without one (and in events written before it existed). */
  public record PriceUpdated(
      String symbol, long historyId, Tick tick, Instant receivedAt, long deliveryId)
      implements Event {}

  public record Onboarded(String symbol, String companyName, Instant at) implements Event {}

  public record Delisted(String symbol, Instant at) implements Event {}

  /**
   * {@code listing} is null until the symbol is first seen; {@code lastTick}/{@code lastUpdated}
   * are null until its first price.
   */
  public record State(
      Listing listing,
      Tick lastTick,
      Instant lastUpdated,
      long historyId,
      RecentDeliveries recentDeliveries)
      implements CborSerializable {
    static final State EMPTY = new State(null, null, null, 0, RecentDeliveries.NONE);

    public State {
      // snapshots taken before deliveries were remembered have none
      recentDeliveries = recentDeliveries == null ? RecentDeliveries.NONE : recentDeliveries;
    }

    boolean exists() {
      return listing != null;
    }

    boolean hasPrice() {
      return lastTick != null;
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
          listing.active() ? Quote.ACTIVE : Quote.INACTIVE);
    }

    State apply(Event event) {
      if (event instanceof PriceUpdated e) {
        Tick tick = e.tick();
        Listing current =
            exists()
                ? listing
                : new Listing(
                    e.symbol(), null, true, Listing.ADDED_BY_PROVIDER, e.receivedAt());
        return new State(
            current.named(tick.companyName()),
            tick,
            e.receivedAt(),
            e.historyId(),
            recentDeliveries.with(e.deliveryId(), e.historyId()));
      } else if (event instanceof Onboarded e) {
        Listing updated =
            exists()
                ? listing.named(e.companyName()).withActive(true)
                : new Listing(e.symbol(), e.companyName(), true, Listing.ADDED_BY_API, e.at());
        return new State(updated, lastTick, lastUpdated, historyId, recentDeliveries);
      } else if (event instanceof Delisted) {
        return new State(
            listing.withActive(false), lastTick, lastUpdated, historyId, recentDeliveries);
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
      Clock clock) {}

  public static void init(ActorSystem<?> system, Dependencies dependencies) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), dependencies)));
  }

  public static Behavior<Command> create(String symbol, Dependencies dependencies) {
    return Behaviors.setup(ctx -> new SymbolEntity(ctx, symbol, dependencies));
  }

  private final ActorContext<Command> context;
  private final String symbol;
  private final Dependencies deps;

  private SymbolEntity(ActorContext<Command> context, String symbol, Dependencies deps) {
    super(
        PersistenceId.of(ENTITY_KEY.name(), symbol),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.symbol = symbol;
    this.deps = deps;
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(UpdatePrice.class, this::onUpdatePrice)
        .onCommand(
            GetQuote.class,
            (state, cmd) -> Effect().reply(cmd.replyTo(), new QuoteReply(state.quote(deps.providers(), now()))))
        .onCommand(Onboard.class, this::onOnboard)
        .onCommand(Delist.class, this::onDelist)
        .build();
  }

  private ReplyEffect<Event, State> onUpdatePrice(State state, UpdatePrice cmd) {
    OptionalLong delivered =
        cmd.deliveryId() == 0
            ? OptionalLong.empty()
            : state.recentDeliveries().historyIdOf(cmd.deliveryId());
    if (delivered.isPresent()) {
      return Effect()
          .reply(cmd.replyTo(), new Accepted(delivered.getAsLong(), state.quote(deps.providers(), now())));
    }
    Tick tick = cmd.tick();
    Optional<Rejection> rejection = check(state, tick);
    if (rejection.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(rejection.get()));
    }
    long historyId = lastSequenceNumber(context) + 1;
    Listing before = state.listing();
    return Effect()
        .persist(new PriceUpdated(symbol, historyId, tick, now(), cmd.deliveryId()))
        .thenRun(after -> announce(before, after, true))
        .thenReply(cmd.replyTo(), after -> new Accepted(historyId, after.quote(deps.providers(), now())));
  }

  private Optional<Rejection> check(State state, Tick tick) {
    Optional<Rejection> invalid = tick.validate(deps.providers());
    if (invalid.isPresent()) {
      return invalid;
    }
    if (tick.sourceTimestamp().isAfter(now().plus(MAX_CLOCK_SKEW))) {
      // A far-future timestamp would make every later tick "stale" and freeze the symbol.
      return Optional.of(
          Rejection.invalidRequest("sourceTimestamp is more than " + MAX_CLOCK_SKEW + " in the future"));
    }
    if (!symbol.equals(tick.symbol())) {
      return Optional.of(Rejection.invalidRequest("tick for " + tick.symbol() + " sent to " + symbol));
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
    if (!deps.providers().mayReplace(tick.provider(), last.provider(), state.lastUpdated(), now())) {
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

  private ReplyEffect<Event, State> onOnboard(State state, Onboard cmd) {
    boolean created = !state.exists() || !state.listing().active();
    boolean renamed =
        cmd.companyName() != null
            && state.exists()
            && !cmd.companyName().equals(state.listing().companyName());
    if (!created && !renamed) {
      return Effect().reply(cmd.replyTo(), new OnboardResult(false, state.listing()));
    }
    Listing before = state.listing();
    return Effect()
        .persist(new Onboarded(symbol, cmd.companyName(), now()))
        .thenRun(after -> announce(before, after, false))
        .thenReply(cmd.replyTo(), after -> new OnboardResult(created, after.listing()));
  }

  private ReplyEffect<Event, State> onDelist(State state, Delist cmd) {
    if (!state.exists()) {
      return Effect().reply(cmd.replyTo(), new DelistResult(false));
    }
    if (!state.listing().active()) {
      return Effect().reply(cmd.replyTo(), new DelistResult(true));
    }
    Listing before = state.listing();
    return Effect()
        .persist(new Delisted(symbol, now()))
        .thenRun(after -> announce(before, after, false))
        .thenReply(cmd.replyTo(), after -> new DelistResult(true));
  }

  /** Tells the directory about a changed listing and subscribers about a new price. */
  private void announce(Listing before, State after, boolean newPrice) {
    if (!Objects.equals(before, after.listing())) {
      deps.directory().tell(new SymbolDirectory.Upsert(after.listing()));
    }
    if (newPrice) {
      deps.publisher().publish(after.quote(deps.providers(), now()));
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    // The directory is told after each change; re-telling on recovery repairs a change whose
    // message was lost in a crash (the directory ignores listings it already has).
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (state.exists()) {
                deps.directory().tell(new SymbolDirectory.Upsert(state.listing()));
              }
            })
        .build();
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
