package io.priceengine.engine.symbol;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import io.priceengine.engine.catalog.ProviderCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
  private final QuoteBoard board;
  private final Duration timeout;

  public SymbolEntities(
      ActorSystem<?> system,
      ActorRef<SymbolDirectory.Command> directory,
      QuoteBoard board,
      Duration timeout) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.directory = directory;
    this.board = board;
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
    QuoteBoard board = new QuoteBoard(providers, clock);
    SymbolEntity.init(
        system,
        new SymbolEntity.Dependencies(settings, providers, directory, publisher, clock, board));
    return new SymbolEntities(system, directory, board, settings.askTimeout());
  }

  /**
   * Hands {@code ticks} (all of {@code symbol}, in order) to the symbol's entity as one command.
   * With {@code retry}, each tick gets a delivery id and the command is sent a second time, under
   * the same ids, when the first attempt got no answer within half the ask timeout: Cluster
   * Sharding drops a message that reaches a shard's old node while the shard is being handed off,
   * and the retry finds the new node. If the first attempt was only slow, or was persisted before
   * its node crashed, the entity recognises the ids and does not persist the ticks again (see
   * {@link RecentDeliveries}). Without {@code retry}: one attempt, for ticks whose loss costs
   * nothing but themselves (providers).
   */
  public CompletionStage<SymbolEntity.UpdateResults> update(
      String symbol, List<Tick> ticks, boolean retry) {
    EntityRef<SymbolEntity.Command> entity = entityRef(symbol);
    if (!retry) {
      return entity.ask(
          replyTo -> new SymbolEntity.UpdatePrices(ticks, List.of(), replyTo), timeout);
    }
    List<Long> deliveryIds = new ArrayList<>(ticks.size());
    for (int i = 0; i < ticks.size(); i++) {
      deliveryIds.add(deliveryId());
    }
    Duration attempt = timeout.dividedBy(2);
    return retryOnTimeout(
        () ->
            entity.ask(
                replyTo -> new SymbolEntity.UpdatePrices(ticks, deliveryIds, replyTo), attempt));
  }

  /**
   * The current quote: from this node's {@link QuoteBoard} when the symbol's entity runs here, else
   * asked of the entity, twice within the ask timeout if need be (see {@link #update}).
   */
  public CompletionStage<Optional<Quote>> quote(String symbol) {
    SymbolEntity.QuoteReply local = board.read(symbol);
    if (local != null) {
      return CompletableFuture.completedFuture(local.optional());
    }
    Duration attempt = timeout.dividedBy(2);
    EntityRef<SymbolEntity.Command> entity = entityRef(symbol);
    return retryOnTimeout(
            () -> entity.<SymbolEntity.QuoteReply>ask(SymbolEntity.GetQuote::new, attempt))
        .thenApply(SymbolEntity.QuoteReply::optional);
  }

  /** Where the symbol's journal stands (its last sequence number and history id). */
  public CompletionStage<SymbolEntity.JournalPosition> journalPosition(String symbol) {
    return entityRef(symbol).ask(SymbolEntity.GetJournalPosition::new, timeout);
  }

  private EntityRef<SymbolEntity.Command> entityRef(String symbol) {
    return sharding.entityRefFor(SymbolEntity.ENTITY_KEY, symbol);
  }

  private static <T> CompletionStage<T> retryOnTimeout(Supplier<CompletionStage<T>> attempt) {
    return attempt
        .get()
        .exceptionallyCompose(
            error -> isTimeout(error) ? attempt.get() : CompletableFuture.failedStage(error));
  }

  private static boolean isTimeout(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
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
