package io.priceengine.http.admin;

import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.http.stream.StreamSessions;
import io.priceengine.persistence.PriceStore;
import io.priceengine.persistence.history.MarketSummary;
import io.priceengine.persistence.projection.ProjectionLag;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The figures of GET /admin/metrics (API.md), gathered from where each lives: symbol counts and the
 * average price from the read tables, tick and session counters of this node, and the projection
 * lag from the database. Nothing here asks an actor, so the endpoint answers while the engine is
 * busy (e.g. while a burst of new symbols is being registered).
 */
public final class AdminMetrics {

  /** The response body; {@code averagePrice} is null while no symbol has a price. */
  public record Metrics(
      long totalSymbols,
      long activeSymbols,
      BigDecimal averagePrice,
      long ticksAccepted,
      long ticksRejected,
      long webSocketSessions,
      long sseSessions,
      long projectionLagMillis) {}

  private final MarketSummary market;
  private final ProviderStats ticks;
  private final StreamSessions sessions;
  private final ProjectionLag lag;

  public AdminMetrics(PriceStore store, ProviderStats ticks, StreamSessions sessions) {
    this.market = store.marketSummary();
    this.ticks = ticks;
    this.sessions = sessions;
    this.lag = store.projectionLag();
  }

  public CompletionStage<Metrics> current() {
    CompletableFuture<MarketSummary.Summary> summary = market.current().toCompletableFuture();
    CompletableFuture<Long> lagMillis = lag.millis().toCompletableFuture();
    return summary.thenCombine(
        lagMillis,
        (symbols, projectionLag) ->
            new Metrics(
                symbols.totalSymbols(),
                symbols.activeSymbols(),
                symbols.averagePrice(),
                ticks.totalAccepted(),
                ticks.totalRejected(),
                sessions.webSocketSessions(),
                sessions.sseSessions(),
                projectionLag));
  }
}
