package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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

  /**
   * One attempt: providers' ticks, where a tick lost on its way costs nothing but itself and the
   * per-tick cost of a retrying stage is not worth it (TickIngestion).
   */
  public CompletionStage<SymbolEntity.UpdateResult> update(Tick tick) {
    return sharding
        .entityRefFor(SymbolEntity.ENTITY_KEY, tick.symbol())
        .ask(replyTo -> new SymbolEntity.UpdatePrice(tick, 0, replyTo), timeout);
  }

  /**
   * For ticks someone waits to see acknowledged (HTTP ingest): a second attempt, under the same
   * delivery id, when the first one got no answer within half the ask timeout. Cluster Sharding
   * drops a message that reaches a shard's old node while the shard is being handed off (a node
   * leaving, a rebalance); the retry finds the shard's new node. If the first attempt was only
   * slow, or was persisted before its node crashed, the entity recognises the id and answers
   * {@code Accepted} without persisting the tick again (see {@link RecentDeliveries}).
   */
  public CompletionStage<SymbolEntity.UpdateResult> deliver(Tick tick) {
    long deliveryId = deliveryId();
    Duration attempt = timeout.dividedBy(2);
    EntityRef<SymbolEntity.Command> entity = entityRef(tick.symbol());
    return retryOnTimeout(
        () -> entity.ask(replyTo -> new SymbolEntity.UpdatePrice(tick, deliveryId, replyTo), attempt));
  }

  /** The current quote, asked twice within the ask timeout if need be (see {@link #deliver}). */
  public CompletionStage<Optional<Quote>> quote(String symbol) {
    Duration attempt = timeout.dividedBy(2);
    EntityRef<SymbolEntity.Command> entity = entityRef(symbol);
    return retryOnTimeout(() -> entity.<SymbolEntity.QuoteReply>ask(SymbolEntity.GetQuote::new, attempt))
        .thenApply(SymbolEntity.QuoteReply::optional);
  }

  private EntityRef<SymbolEntity.Command> entityRef(String symbol) {
    return sharding.entityRefFor(SymbolEntity.ENTITY_KEY, symbol);
  }

  private static <T> CompletionStage<T> retryOnTimeout(Supplier<CompletionStage<T>> attempt) {
    return attempt
        .get()
        .exceptionallyCompose(
            error ->
                isTimeout(error) ? attempt.get() : CompletableFuture.failedStage(error));
  }

  private static boolean isTimeout(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
    return cause instanceof TimeoutException;
  }

  /** Unique enough: a retry is looked up among a symbol's last few deliveries only. */
  private static long deliveryId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
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
