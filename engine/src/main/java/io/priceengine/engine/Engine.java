package io.priceengine.engine;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import com.typesafe.config.Config;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.ingest.Ingestion;
import io.priceengine.engine.provider.ClusterProviders;
import io.priceengine.engine.provider.ProviderFactory;
import io.priceengine.engine.provider.Providers;
import io.priceengine.engine.quote.QuoteFanOut;
import io.priceengine.engine.quote.QuoteFeeds;
import io.priceengine.engine.quote.QuoteReplay;
import io.priceengine.engine.quote.QuoteTopic;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.SymbolSettings;
import io.priceengine.engine.symbol.SymbolUniverse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The engine module of one node, started by {@link #init}: the quote topic and this node's fan-out,
 * the sharded symbol entities with their directory, the symbol universe, and the enabled providers
 * (run on one node of the cluster). The record is what the other modules use of it.
 *
 * @param catalog every configured provider with its priority and staleness
 * @param entities the symbol entities, through sharding
 * @param ingestion the one way ticks reach the entities (HTTP ingest uses it; providers too)
 * @param universe the listed symbols, refreshed in the background
 * @param quoteFeeds live quotes, snapshots and missed quotes for subscriber connections
 * @param stats this node's tick counters per provider
 * @param providers where the enabled providers run, and their statuses
 * @param enabled the provider codes enabled by configuration, in order
 * @param askTimeout how long a caller waits for an entity or the providers' node
 */
public record Engine(
    ProviderCatalog catalog,
    SymbolEntities entities,
    Ingestion ingestion,
    SymbolUniverse universe,
    QuoteFeeds quoteFeeds,
    ProviderStats stats,
    ClusterProviders providers,
    List<String> enabled,
    Duration askTimeout) {

  /**
   * Starts the engine on {@code system}. {@code journal} reads a symbol's past events (missed
   * quotes come from it); {@code upstreamFeeds} are providers the engine does not build itself,
   * keyed by provider code. The providers stop when the node starts to shut down, before its shards
   * are handed off (see {@link ClusterProviders#stopHere}).
   */
  public static Engine init(
      ActorSystem<?> system,
      Config config,
      Clock clock,
      CurrentEventsByPersistenceIdQuery journal,
      Map<String, ProviderFactory> upstreamFeeds) {
    ProviderCatalog catalog = ProviderCatalog.fromConfig(config);
    SymbolSettings symbolSettings = SymbolSettings.fromConfig(config);
    QuoteTopic quoteTopic = QuoteTopic.start(system);
    SymbolEntities entities =
        SymbolEntities.init(system, symbolSettings, catalog, quoteTopic.publisher(), clock);
    SymbolUniverse universe =
        SymbolUniverse.start(
            system, entities, config.getDuration("price-engine.symbol.universe-refresh"));
    QuoteFeeds quoteFeeds =
        new QuoteFeeds(
            QuoteFanOut.start(system, quoteTopic),
            entities,
            new QuoteReplay(system, journal, entities::journalPosition, catalog, clock));
    ProviderStats stats = new ProviderStats();
    Executor ingest =
        system.dispatchers().lookup(DispatcherSelector.fromConfig(SymbolEntity.INGEST_DISPATCHER));
    Ingestion ingestion =
        new Ingestion(
            entities,
            catalog,
            stats,
            ingest,
            config.getLong("price-engine.ingest.max-ticks-in-flight"));
    List<String> enabled = Providers.enabled(config);
    ClusterProviders providers =
        ClusterProviders.init(
            system,
            Providers.build(
                system, config, entities, ingestion, universe, stats, clock, upstreamFeeds),
            catalog,
            enabled,
            stats,
            symbolSettings.askTimeout());
    Engine engine =
        new Engine(
            catalog,
            entities,
            ingestion,
            universe,
            quoteFeeds,
            stats,
            providers,
            enabled,
            symbolSettings.askTimeout());
    engine.stopOnShutdown(system);
    return engine;
  }

  private void stopOnShutdown(ActorSystem<?> system) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceUnbind(),
        "stop-providers",
        () -> {
          providers.stopHere();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "stop-symbol-universe",
        () -> {
          universe.close();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }
}
