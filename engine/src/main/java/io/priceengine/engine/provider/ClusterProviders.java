package io.priceengine.engine.provider;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.PreRestart;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.SingletonActor;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.serialization.CborSerializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the enabled providers once per cluster, not once per node: a cluster singleton (on the
 * oldest node) whose start runs {@link Providers#run} and whose stop stops them. It moves to the
 * next oldest node when its node leaves (hand-over) or crashes (after the Split Brain Resolver
 * downed it).
 *
 * <p>Why a singleton and not providers sharded by symbol: a provider is one feed over many symbols
 * (one upstream connection, one file, one polling loop, one random walk). Splitting it by shard
 * would open one upstream connection per node and make the provider SPI know about shards. The work
 * per tick happens in the symbol's entity wherever sharding placed it; the singleton's node only
 * carries the feed's I/O. The price: while the singleton moves (a crash: the failover time in
 * docs/cluster.md) no provider ticks arrive; replay and polling resume after each symbol's current
 * quote, the simulated walk and the upstream WebSocket simply go on from their current state.
 */
public final class ClusterProviders {
  private static final Logger log = LoggerFactory.getLogger(ClusterProviders.class);
  private static final String NAME = "providers";

  public sealed interface Command extends CborSerializable {}

  /** Asks the running providers' node for their statuses (as {@code GET /providers} shows). */
  public record GetStatuses(ActorRef<Statuses> replyTo) implements Command {}

  public record Statuses(List<ProviderStatus> providers) implements CborSerializable {}

  private final ActorSystem<?> system;
  private final ActorRef<Command> singleton;
  private final AtomicReference<Providers.Running> runningHere;
  private final Duration timeout;

  private ClusterProviders(
      ActorSystem<?> system,
      ActorRef<Command> singleton,
      AtomicReference<Providers.Running> runningHere,
      Duration timeout) {
    this.system = system;
    this.singleton = singleton;
    this.runningHere = runningHere;
    this.timeout = timeout;
  }

  /**
   * Registers the singleton on this node: it starts {@code providers} here if this node is (or
   * becomes) the oldest. {@code statuses} of the catalog are computed where the providers run.
   */
  public static ClusterProviders init(
      ActorSystem<?> system,
      Providers providers,
      ProviderCatalog catalog,
      List<String> enabled,
      ProviderStats stats,
      Duration timeout) {
    AtomicReference<Providers.Running> runningHere = new AtomicReference<>();
    Behavior<Command> behavior =
        Behaviors.supervise(running(providers, catalog, enabled, stats, runningHere))
            // a provider that cannot even be started is retried, never given up
            .onFailure(
                SupervisorStrategy.restartWithBackoff(
                    Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2));
    ActorRef<Command> singleton =
        ClusterSingleton.get(system).init(SingletonActor.of(behavior, NAME));
    return new ClusterProviders(system, singleton, runningHere, timeout);
  }

  private static Behavior<Command> running(
      Providers providers,
      ProviderCatalog catalog,
      List<String> enabled,
      ProviderStats stats,
      AtomicReference<Providers.Running> runningHere) {
    return Behaviors.setup(
        ctx -> {
          Providers.Running running = providers.run();
          runningHere.set(running);
          log.info("providers {} run on this node", enabled.isEmpty() ? "(none)" : enabled);
          Runnable stop = () -> stop(runningHere, running);
          return Behaviors.receive(Command.class)
              .onMessage(
                  GetStatuses.class,
                  get -> {
                    get.replyTo().tell(new Statuses(ProviderStatus.of(catalog, enabled, stats)));
                    return Behaviors.same();
                  })
              .onSignal(
                  PostStop.class,
                  signal -> {
                    stop.run();
                    return Behaviors.same();
                  })
              .onSignal(
                  PreRestart.class,
                  signal -> {
                    stop.run();
                    return Behaviors.same();
                  })
              .build();
        });
  }

  private static void stop(
      AtomicReference<Providers.Running> runningHere, Providers.Running running) {
    running.close();
    if (runningHere.compareAndSet(running, null)) {
      log.info("providers stopped on this node");
    }
  }

  /**
   * Stops the providers if they run here, ahead of the singleton's hand-over: on a node that is
   * leaving, sharding hands this node's shards off before the cluster singletons move, and ticks
   * asked through this node's shutting-down region would only time out meanwhile. The next oldest
   * node starts them again when the singleton moves there.
   */
  public void stopHere() {
    Providers.Running running = runningHere.get();
    if (running != null) {
      stop(runningHere, running);
    }
  }

  /** The statuses as seen on the node that runs the providers. */
  public CompletionStage<Statuses> statuses() {
    return AskPattern.ask(singleton, GetStatuses::new, timeout, system.scheduler());
  }

  /** Whether this node runs the providers now. */
  public boolean runningHere() {
    return runningHere.get() != null;
  }
}
