package io.priceengine.http;

import akka.Done;
import akka.actor.Address;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.Route;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.priceengine.engine.Engine;
import io.priceengine.engine.quote.QuoteFeeds;
import io.priceengine.http.server.OpenFileLimit;
import io.priceengine.http.stream.StreamSessions;
import io.priceengine.http.upstream.UpstreamProviders;
import io.priceengine.persistence.PriceStore;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Price Engine node: database (embedded or external, migrated), actor system joined to
 * its cluster, symbol entities, providers and the bound HTTP API. {@link Main} starts one; the
 * integration tests start several in one JVM.
 */
public final class PriceEngine {
  private static final Logger log = LoggerFactory.getLogger(PriceEngine.class);
  public static final String SYSTEM_NAME = "price-engine";

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final String ingestToken;
  private final String adminToken;
  private final QuoteFeeds quoteFeeds;
  private final StreamSessions streamSessions;
  private final CompletionStage<Done> released;

  private PriceEngine(
      ActorSystem<Void> system,
      ServerBinding binding,
      String ingestToken,
      String adminToken,
      QuoteFeeds quoteFeeds,
      StreamSessions streamSessions,
      CompletionStage<Done> released) {
    this.system = system;
    this.binding = binding;
    this.ingestToken = ingestToken;
    this.adminToken = adminToken;
    this.quoteFeeds = quoteFeeds;
    this.streamSessions = streamSessions;
    this.released = released;
  }

  /** Starts a node on {@code config} (resolved, e.g. {@code ConfigFactory.load()}). */
  public static PriceEngine start(Config config) throws Exception {
    return start(config, Database.open(DatabaseSettings.fromConfig(config)));
  }

  /** Starts a node on an opened database; the node closes it when it terminates. */
  public static PriceEngine start(Config config, Database database) throws Exception {
    return start(config, database, Optional.empty());
  }

  /**
   * As {@link #start(Config, Database)}, serving {@code extraRoute} in front of the API (outside
   * its error handling and metrics): for launchers outside the product that add endpoints of their
   * own, such as the benchmark's constant route. The API itself stays as it is.
   */
  public static PriceEngine start(Config config, Database database, Route extraRoute)
      throws Exception {
    return start(config, database, Optional.of(extraRoute));
  }

  private static PriceEngine start(Config config, Database database, Optional<Route> extraRoute)
      throws Exception {
    Config full = database.akkaConfig().withFallback(clusterConfig(config)).resolve();
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, full);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    CompletionStage<Done> released = closeAfter(system, database);
    try {
      return wire(system, full, database, released, extraRoute);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  /**
   * Closes the database (stopping the embedded server) once the actor system has terminated, and
   * not in a shutdown phase before: until the very end the journal's plugins still run (the read
   * journal's ordering poller, the connection pool refilling), and a server gone under them made
   * each of them log a failure with a stack trace on every clean stop. Registered before anything
   * else, so that a failed start releases the database too.
   */
  private static CompletionStage<Done> closeAfter(ActorSystem<?> system, Database database) {
    return system
        .getWhenTerminated()
        .thenApplyAsync(
            terminated -> {
              database.close();
              log.info("Shutdown complete: actor system terminated, database closed");
              return Done.getInstance();
            });
  }

  private static PriceEngine wire(
      ActorSystem<Void> system,
      Config config,
      Database database,
      CompletionStage<Done> released,
      Optional<Route> extraRoute)
      throws Exception {
    joinCluster(system, config);
    Clock clock = Clock.systemUTC();
    PriceStore store = PriceStore.init(system, config, database, clock);
    Engine engine =
        Engine.init(system, config, clock, store.journal(), UpstreamProviders.factories());
    HttpApi api = HttpApi.init(system, config, clock, engine, store);
    logShutdownPhases(system);

    Route routes =
        extraRoute.map(extra -> Directives.concat(extra, api.route())).orElse(api.route());
    ServerBinding binding =
        Http.get(system)
            .newServerAt(api.settings().host(), api.settings().port())
            .bind(routes)
            .toCompletableFuture()
            .get()
            .addToCoordinatedShutdown(Duration.ofSeconds(10), system);
    OpenFileLimit.check(config);
    Address self = Cluster.get(system).selfMember().address();
    log.info(
        "Price Engine listening on http://{}:{}, cluster node {}:{} (providers: {})",
        binding.localAddress().getHostString(),
        binding.localAddress().getPort(),
        self.host().getOrElse(() -> "?"),
        self.port().getOrElse(() -> 0),
        engine.enabled().isEmpty() ? "none" : String.join(",", engine.enabled()));
    return new PriceEngine(
        system,
        binding,
        api.ingestToken(),
        api.adminToken(),
        engine.quoteFeeds(),
        api.sessions(),
        released);
  }

  /**
   * SIGTERM (or {@link #stop}) runs Akka's coordinated shutdown in phases: the HTTP binding unbinds
   * and lets in-flight requests finish (service phases, registered with the binding), this node's
   * shards are handed off and it leaves the cluster (cluster phases, Akka's own), then the actor
   * system terminates; the database is closed only after that (see {@link #closeAfter}). Each
   * module registers its own tasks: the engine stops its providers before sharding hands off
   * ({@link Engine#init}), and the local tasks (symbol universe, database health probe, metrics)
   * stop just before the actor system terminates. This logs where a shutdown has got to.
   */
  private static void logShutdownPhases(ActorSystem<?> system) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeClusterShutdown(),
        "log-leaving",
        () -> {
          log.info(
              "Shutdown: HTTP unbound and requests done; handing off shards, leaving the cluster");
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "log-local-tasks",
        () -> {
          log.info("Shutdown: left the cluster; stopping local tasks");
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  /** Seed nodes from {@code price-engine.cluster.seed-nodes}, as Akka addresses. */
  private static Config clusterConfig(Config config) {
    List<String> seeds =
        Arrays.stream(config.getString("price-engine.cluster.seed-nodes").split(","))
            .map(String::trim)
            .filter(seed -> !seed.isEmpty())
            .map(seed -> "akka://" + SYSTEM_NAME + "@" + seed)
            .toList();
    return seeds.isEmpty()
        ? config
        : config.withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
  }

  private static void joinCluster(ActorSystem<?> system, Config config) {
    if (config.getStringList("akka.cluster.seed-nodes").isEmpty()) {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public String ingestToken() {
    return ingestToken;
  }

  public String adminToken() {
    return adminToken;
  }

  /** This node's live-quote subscriptions (fan-out counts, for tests and metrics). */
  public QuoteFeeds quoteFeeds() {
    return quoteFeeds;
  }

  public StreamSessions streamSessions() {
    return streamSessions;
  }

  /** Runs coordinated shutdown: unbind, stop providers, leave the cluster, close the database. */
  public CompletionStage<Done> stop() {
    system.terminate();
    return released;
  }

  /** Completes when the node has stopped: actor system terminated, database closed. */
  public CompletionStage<Done> released() {
    return released;
  }

  /** For a fresh default configuration in tests and tools. */
  public static Config defaultConfig() {
    return ConfigFactory.load();
  }
}
