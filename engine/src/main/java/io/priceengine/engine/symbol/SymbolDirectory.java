package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.SingletonActor;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import io.priceengine.engine.serialization.CborSerializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The universe of known symbols, one persistent cluster singleton: it answers "which symbols exist"
 * (GET /symbols) and "which should providers produce" without waking every entity. Each {@link
 * SymbolEntity} tells it its {@link Listing} after a change and on recovery.
 */
public final class SymbolDirectory
    extends EventSourcedBehavior<
        SymbolDirectory.Command, SymbolDirectory.Event, SymbolDirectory.State> {

  public sealed interface Command extends CborSerializable {}

  public record Upsert(Listing listing) implements Command {}

  public record GetListings(ActorRef<Listings> replyTo) implements Command {}

  public record Listings(List<Listing> listings) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record ListingChanged(Listing listing) implements Event {}

  /** Symbol → listing; copied on change, which is rare (a new symbol, a delisting). */
  public record State(Map<String, Listing> listings) implements CborSerializable {
    State with(Listing listing) {
      Map<String, Listing> copy = new HashMap<>(listings);
      copy.put(listing.symbol(), listing);
      return new State(Map.copyOf(copy));
    }
  }

  public static ActorRef<Command> init(ActorSystem<?> system) {
    return ClusterSingleton.get(system).init(SingletonActor.of(create(), "symbol-directory"));
  }

  public static Behavior<Command> create() {
    return new SymbolDirectory();
  }

  private SymbolDirectory() {
    super(
        PersistenceId.ofUniqueId("symbol-directory"),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
  }

  @Override
  public State emptyState() {
    return new State(Map.of());
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(
            Upsert.class,
            (state, cmd) ->
                cmd.listing().equals(state.listings().get(cmd.listing().symbol()))
                    ? Effect().none()
                    : Effect().persist(new ListingChanged(cmd.listing())))
        .onCommand(
            GetListings.class,
            (state, cmd) ->
                Effect().reply(cmd.replyTo(), new Listings(List.copyOf(state.listings().values()))))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ListingChanged.class, (state, event) -> state.with(event.listing()))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(200, 2);
  }
}
