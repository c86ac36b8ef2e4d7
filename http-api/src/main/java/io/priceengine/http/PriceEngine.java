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
import io.priceengine.engine.ingest.Ingestion;
import io.priceengine.engine.provider.ClusterProviders;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.provider.Providers;
import io.priceengine.engine.quote.QuoteFanOut;
import io.priceengine.engine.quote.QuoteFeeds;
import io.priceengine.engine.quote.QuoteReplay;
import io.priceengine.engine.quote.QuoteTopic;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolSettings;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.http.admin.AdminMetrics;
import io.priceengine.http.admin.AdminRoutes;
import io.priceengine.http.admin.ClusterView;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.bench.ConstantQuoteRoute;
import io.priceengine.http.health.HealthRoutes;
import io.priceengine.http.health.Readiness;
import io.priceengine.http.history.HistoryRoutes;
import io.priceengine.http.ingest.TickRoutes;
import io.priceengine.http.json.Json;
import io.priceengine.http.limits.IngestRateLimit;
import io.priceengine.http.limits.RequestBodies;
import io.priceengine.http.metrics.EngineMetrics;
import io.priceengine.http.metrics.MetricsRoutes;
import io.priceengine.http.metrics.RequestMetrics;
import io.priceengine.http.metrics.StreamMeters;
import io.priceengine.http.metrics.TickMeters;
import io.priceengine.http.provider.ProviderRoutes;
import io.priceengine.http.quote.QuoteRoutes;
import io.priceengine.http.stream.StreamRoutes;
import io.priceengine.http.stream.StreamSessions;
import io.priceengine.http.stream.StreamSettings;
import io.priceengine.http.symbol.SymbolRoutes;
import io.priceengine.http.ui.TradingUiRoutes;
import io.priceengine.http.ui.UiAssets;
import io.priceengine.http.upstream.UpstreamProviders;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseHealth;
import io.priceengine.persistence.db.DatabaseSettings;
import io.priceengine.persistence.db.SqlReads;
import io.priceengine.persistence.history.LastPrices;
import io.priceengine.persistence.history.MarketSummary;
import io.priceengine.persistence.history.PriceHistory;
import io.priceengine.persistence.journal.JournalQueries;
import io.priceengine.persistence.projection.PriceProjection;
import io.priceengine.persistence.projection.ProjectionLag;
import io.priceengine.persistence.projection.ProjectionSettings;
import io.priceengine.persistence.provider.ProviderRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
      return wire(system, full, database, released);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  /**
   * Closes the database (stopping the embedded server) once the actor system has terminated, and
   * not in a shutdown phase before: until the very end the journal's plugins still run (the
   * read journal's ordering poller, the connection pool refilling), and a server gone under them
   * made each of them log a failure with a stack trace on every clean stop. Registered before
   * anything else, so that a failed start releases the database too.
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
      ActorSystem<Void> system, Config config, Database database, CompletionStage<Done> released)
      throws Exception {
    joinCluster(system, config);
    Clock clock = Clock.systemUTC();
    HttpSettings http = HttpSettings.fromConfig(config);
    String ingestToken = tokenOrGenerated(http.ingestToken(), "ingest");
    String adminToken = tokenOrGenerated(http.adminToken(), "admin");
    Tokens tokens = new Tokens(ingestToken, adminToken, http.readToken());

    ProviderCatalog providers = ProviderCatalog.fromConfig(config);
    ProviderRegistry.sync(database, providers.all());
    SymbolSettings symbolSettings = SymbolSettings.fromConfig(config);
    QuoteTopic quoteTopic = QuoteTopic.start(system);
    SymbolEntities entities =
        SymbolEntities.init(system, symbolSettings, providers, quoteTopic.publisher(), clock);
    SymbolUniverse universe =
        SymbolUniverse.start(
            system, entities, config.getDuration("price-engine.symbol.universe-refresh"));
    ProviderStats stats = new ProviderStats();
    StreamSessions sessions = new StreamSessions();
    QuoteFeeds quoteFeeds =
        new QuoteFeeds(
            QuoteFanOut.start(system, quoteTopic),
            entities,
            new QuoteReplay(
                system,
                JournalQueries.eventsByPersistenceId(system),
                entities::journalPosition,
                providers,
                clock));
    Ingestion ingestion = new Ingestion(entities, providers, stats, system.executionContext());
    List<String> enabled = Providers.enabled(config);
    ClusterProviders clusterProviders =
        ClusterProviders.init(
            system,
            Providers.build(
                system, config, entities, universe, stats, clock, UpstreamProviders.factories()),
            providers,
            enabled,
            stats,
            symbolSettings.askTimeout());
    DatabaseHealth databaseHealth = new DatabaseHealth(database);
    ProjectionSettings projectionSettings = ProjectionSettings.fromConfig(config);
    PriceProjection projection = PriceProjection.init(system, projectionSettings);
    SqlReads reads = SqlReads.create(system);

    Json json = Json.create(system);
    RequestBodies bodies = new RequestBodies(json, http.bodyTimeout());
    EngineMetrics metrics = new EngineMetrics();
    TickMeters tickMeters = new TickMeters(metrics.registry(), stats);
    ingestion.listen(tickMeters::answered);
    StreamMeters.bind(metrics.registry(), sessions);
    ProjectionLag projectionLag = new ProjectionLag(reads, projectionSettings, clock);
    var api =
        new ApiRoutes()
            .route(
                json,
                new HealthRoutes(
                    json,
                    tokens,
                    Readiness.of(system, databaseHealth, entities)
                        .add(
                            "projection",
                            () -> CompletableFuture.completedFuture(projection.running()))),
                new QuoteRoutes(json, tokens, entities, http.maxSymbolsPerRequest()),
                new TickRoutes(
                    json,
                    tokens,
                    ingestion,
                    providers,
                    stats,
                    clock,
                    http.maxTicksPerRequest(),
                    http.maxTickBodyBytes(),
                    bodies,
                    new IngestRateLimit(http.ingestRateLimit(), http.ingestBurst())),
                new SymbolRoutes(json, tokens, entities, providers, bodies, new LastPrices(reads)),
                new StreamRoutes(
                    json,
                    tokens,
                    system,
                    quoteFeeds,
                    sessions,
                    StreamSettings.fromConfig(config),
                    http.allowedOrigins(),
                    clock),
                new ProviderRoutes(json, tokens, providers, enabled, stats, clusterProviders),
                new HistoryRoutes(json, tokens, new PriceHistory(reads), clock),
                new AdminRoutes(
                    json,
                    tokens,
                    new AdminMetrics(
                        new MarketSummary(reads),
                        stats,
                        sessions,
                        projectionLag),
                    new ClusterView(
                        system, projection, clusterProviders, symbolSettings.askTimeout())),
                new TradingUiRoutes(UiAssets.load()));
    MetricsRoutes metricsRoutes = new MetricsRoutes(metrics, tickMeters, projectionLag);
    Route routes =
        new RequestMetrics(metrics.registry())
            .timed(() -> Directives.concat(metricsRoutes.route(), api));

    addShutdownTasks(system, clusterProviders, universe, databaseHealth, metrics);

    ServerBinding binding =
        Http.get(system)
            .newServerAt(http.host(), http.port())
            .bind(ConstantQuoteRoute.mountedWhenEnabled(http.benchRoutes(), routes))
            .toCompletableFuture()
            .get()
            .addToCoordinatedShutdown(Duration.ofSeconds(10), system);
    Address self = Cluster.get(system).selfMember().address();
    log.info(
        "Price Engine listening on http://{}:{}, cluster node {}:{} (providers: {})",
        binding.localAddress().getHostString(),
        binding.localAddress().getPort(),
        self.host().getOrElse(() -> "?"),
        self.port().getOrElse(() -> 0),
        enabled.isEmpty() ? "none" : String.join(",", enabled));
    return new PriceEngine(
        system, binding, ingestToken, adminToken, quoteFeeds, sessions, released);
  }

  /**
   * SIGTERM (or {@link #stop}) runs Akka's coordinated shutdown in phases: the HTTP binding
   * unbinds and lets in-flight requests finish (service phases, registered with the binding), this
   * node's shards are handed off and it leaves the cluster (cluster phases, Akka's own), then the
   * actor system terminates; the database is closed only after that (see {@link #closeAfter}).
   * The providers stop before sharding hands off (see {@link ClusterProviders#stopHere}).
   */
  private static void addShutdownTasks(
      ActorSystem<?> system,
      ClusterProviders providers,
      SymbolUniverse universe,
      DatabaseHealth databaseHealth,
      EngineMetrics metrics) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceUnbind(),
        "stop-providers",
        () -> {
          providers.stopHere();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
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
        "stop-local-tasks",
        () -> {
          log.info("Shutdown: left the cluster; stopping local tasks");
          universe.close();
          databaseHealth.close();
          metrics.close();
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

  private static String tokenOrGenerated(String configured, String role) {
    if (!configured.isEmpty()) {
      return configured;
    }
    String generated = Tokens.generate();
    // Printed once, on the console only: tokens never go to the log.
    System.out.println("Generated " + role + " token (set PRICE_ENGINE_" + role.toUpperCase()
        + "_TOKEN to choose your own): " + generated);
    return generated;
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
