package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import io.priceengine.engine.provider.ProviderCatalog;
import io.priceengine.engine.quote.QuotePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The sharded population of {@link SymbolEntity}s and the {@link SymbolDirectory}, as the rest of
 * the engine talks to them: typed asks with one timeout. Failed futures mean infrastructure trouble
 * (timeout, persistence down); domain refusals come back as values.
 */
public final class SymbolEntities {
  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final ActorRef<SymbolDirectory.Command> directory;
  private final Duration timeout;

  public SymbolEntities(
      ActorSystem<?> system, ActorRef<SymbolDirectory.Command> directory, Duration timeout) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.directory = directory;
    this.timeout = timeout;
  }

  /** Starts sharding of the symbol entities and the directory singleton on this node. */
  public static SymbolEntities init(
      ActorSystem<?> system,
      SymbolSettings settings,
      ProviderCatalog providers,
      QuotePublisher publisher,
      Clock clock) {
    ActorRef<SymbolDirectory.Command> directory = SymbolDirectory.init(system);
    SymbolEntity.init(
        system, new SymbolEntity.Dependencies(settings, providers, directory, publisher, clock));
    return new SymbolEntities(system, directory, settings.askTimeout());
  }

  public CompletionStage<SymbolEntity.UpdateResult> update(Tick tick) {
    return sharding
        .entityRefFor(SymbolEntity.ENTITY_KEY, tick.symbol())
        .ask(replyTo -> new SymbolEntity.UpdatePrice(tick, replyTo), timeout);
  }

  public CompletionStage<Optional<Quote>> quote(String symbol) {
    return sharding
        .entityRefFor(SymbolEntity.ENTITY_KEY, symbol)
        .<SymbolEntity.QuoteReply>ask(SymbolEntity.GetQuote::new, timeout)
        .thenApply(SymbolEntity.QuoteReply::optional);
  }

  public CompletionStage<SymbolEntity.OnboardResult> onboard(String symbol, String companyName) {
    return sharding
        .entityRefFor(SymbolEntity.ENTITY_KEY, symbol)
        .ask(replyTo -> new SymbolEntity.Onboard(companyName, replyTo), timeout);
  }

  public CompletionStage<Boolean> delist(String symbol) {
    return sharding
        .entityRefFor(SymbolEntity.ENTITY_KEY, symbol)
        .<SymbolEntity.DelistResult>ask(SymbolEntity.Delist::new, timeout)
        .thenApply(SymbolEntity.DelistResult::found);
  }

  public CompletionStage<List<Listing>> listings() {
    return AskPattern.<SymbolDirectory.Command, SymbolDirectory.Listings>ask(
            directory, SymbolDirectory.GetListings::new, timeout, system.scheduler())
        .thenApply(SymbolDirectory.Listings::listings);
  }
}
