package io.priceengine.persistence;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import com.typesafe.config.Config;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.persistence.db.Database;
import io.priceengine.persistence.db.DatabaseHealth;
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
import java.util.concurrent.CompletableFuture;

/**
 * The persistence module of one node, started by {@link #init}: the provider table in step with the
 * catalog, this node's share of the price projection, and the reads of the tables it writes. The
 * record is what the other modules use of it.
 *
 * @param journal a symbol's events by sequence number, for the engine's missed-quote replay
 * @param projection the projection instances and whether they run on this node
 * @param history a symbol's price history and candles
 * @param lastPrices every symbol's last projected price
 * @param marketSummary symbol counts and the average price
 * @param projectionLag how far the history table is behind the journal
 * @param databaseHealth whether the journal database answers
 */
public record PriceStore(
    CurrentEventsByPersistenceIdQuery journal,
    PriceProjection projection,
    PriceHistory history,
    LastPrices lastPrices,
    MarketSummary marketSummary,
    ProjectionLag projectionLag,
    DatabaseHealth databaseHealth) {

  /**
   * Starts the persistence side on {@code system}, whose configuration uses {@code database}. Call
   * it before the engine: the provider table is brought in step with the catalog first (blocking,
   * once), before any tick can be accepted.
   */
  public static PriceStore init(
      ActorSystem<?> system, Config config, Database database, Clock clock) {
    ProviderRegistry.sync(database, ProviderCatalog.fromConfig(config).all());
    ProjectionSettings projectionSettings = ProjectionSettings.fromConfig(config);
    PriceProjection projection = PriceProjection.init(system, projectionSettings);
    SqlReads reads = SqlReads.create(system);
    PriceStore store =
        new PriceStore(
            JournalQueries.eventsByPersistenceId(system),
            projection,
            new PriceHistory(reads, projectionSettings.sessions()),
            new LastPrices(reads),
            new MarketSummary(reads),
            new ProjectionLag(reads, projectionSettings, clock),
            new DatabaseHealth(database));
    store.closeOnShutdown(system);
    return store;
  }

  private void closeOnShutdown(ActorSystem<?> system) {
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "stop-database-health",
            () -> {
              databaseHealth.close();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
  }
}
