package io.priceengine.http.metrics;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.micrometer.core.instrument.Gauge;
import io.priceengine.persistence.projection.ProjectionLag;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /metrics}: every meter of {@link EngineMetrics} in Prometheus text format, open like
 * the health endpoints (scrapers carry no tokens; nothing in it is secret). The projection lag is a
 * database query, run once per scrape rather than on a timer; while the database does not answer
 * within a second the gauge is NaN.
 */
public final class MetricsRoutes extends AllDirectives {
  private static final long LAG_QUERY_TIMEOUT_MILLIS = 1000;

  private final EngineMetrics metrics;
  private final TickMeters ticks;
  private final ProjectionLag lag;
  private volatile double lagSeconds = Double.NaN;

  public MetricsRoutes(EngineMetrics metrics, TickMeters ticks, ProjectionLag lag) {
    this.metrics = metrics;
    this.ticks = ticks;
    this.lag = lag;
    Gauge.builder(EngineMetrics.PREFIX + "projection.lag", this, routes -> routes.lagSeconds)
        .description(
            "How far the history projection is behind the journal (0 = every event projected);"
                + " NaN while the database does not answer")
        .baseUnit("seconds")
        .register(metrics.registry());
  }

  public Route route() {
    return path("metrics", () -> get(() -> onSuccess(refreshLag(), done -> scrape())));
  }

  private CompletionStage<Double> refreshLag() {
    return lag.millis()
        .toCompletableFuture()
        .thenApply(millis -> millis / 1000.0)
        .completeOnTimeout(Double.NaN, LAG_QUERY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .exceptionally(failure -> Double.NaN)
        .thenApply(
            seconds -> {
              lagSeconds = seconds;
              return seconds;
            });
  }

  private Route scrape() {
    ticks.refresh();
    return complete(
        HttpResponse.create()
            .withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, metrics.scrape())));
  }
}
