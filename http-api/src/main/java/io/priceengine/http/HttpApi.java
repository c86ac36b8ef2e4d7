package io.priceengine.http;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.server.Directives;
import akka.http.javadsl.server.Route;
import com.typesafe.config.Config;
import io.priceengine.engine.Engine;
import io.priceengine.http.admin.AdminMetrics;
import io.priceengine.http.admin.AdminRoutes;
import io.priceengine.http.admin.ClusterView;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.health.HealthRoutes;
import io.priceengine.http.health.Readiness;
import io.priceengine.http.history.HistoryRoutes;
import io.priceengine.http.ingest.TickRoutes;
import io.priceengine.http.json.Json;
import io.priceengine.http.limits.RequestBodies;
import io.priceengine.http.metrics.EngineMetrics;
import io.priceengine.http.metrics.MetricsRoutes;
import io.priceengine.http.metrics.RequestMetrics;
import io.priceengine.http.metrics.StreamMeters;
import io.priceengine.http.metrics.TickMeters;
import io.priceengine.http.provider.ProviderRoutes;
import io.priceengine.http.quote.QuoteRoutes;
import io.priceengine.http.server.HttpSettings;
import io.priceengine.http.stream.StreamRoutes;
import io.priceengine.http.stream.StreamSessions;
import io.priceengine.http.stream.StreamSettings;
import io.priceengine.http.symbol.SymbolRoutes;
import io.priceengine.http.ui.TradingUiRoutes;
import io.priceengine.http.ui.UiAssets;
import io.priceengine.persistence.PriceStore;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * The http-api module of one node, built by {@link #init} over the engine and the price store:
 * every resource's routes with the metrics around them, the tokens they accept and the stream
 * sessions they count. Binding the route is left to {@link PriceEngine}.
 *
 * @param route {@code GET /metrics} and the whole API, each request timed
 * @param settings the HTTP edge's settings (where to bind, limits)
 * @param ingestToken the ingest token, configured or generated
 * @param adminToken the admin token, configured or generated
 * @param sessions this node's WebSocket and SSE sessions
 */
public record HttpApi(
    Route route,
    HttpSettings settings,
    String ingestToken,
    String adminToken,
    StreamSessions sessions) {

  public static HttpApi init(
      ActorSystem<?> system, Config config, Clock clock, Engine engine, PriceStore store) {
    HttpSettings http = HttpSettings.fromConfig(config);
    String ingestToken = tokenOrGenerated(http.ingestToken(), "ingest");
    String adminToken = tokenOrGenerated(http.adminToken(), "admin");
    Tokens tokens = new Tokens(ingestToken, adminToken, http.readToken());
    Json json = Json.create(system);
    RequestBodies bodies = new RequestBodies(json, http.bodyTimeout());
    StreamSessions sessions = new StreamSessions();
    EngineMetrics metrics = new EngineMetrics();
    TickMeters tickMeters = new TickMeters(metrics.registry(), engine.stats());
    engine.ingestion().listen(tickMeters::answered);
    TickMeters.bind(metrics.registry(), engine.ingestion());
    StreamMeters.bind(metrics.registry(), sessions);

    Route api =
        new ApiRoutes()
            .route(
                json,
                new HealthRoutes(json, tokens, Readiness.of(system, engine, store)),
                new QuoteRoutes(json, tokens, engine.entities(), http.maxSymbolsPerRequest()),
                new TickRoutes(json, tokens, engine, http, bodies, clock),
                new SymbolRoutes(json, tokens, bodies, engine, store.lastPrices()),
                new StreamRoutes(
                    json,
                    tokens,
                    system,
                    engine.quoteFeeds(),
                    sessions,
                    StreamSettings.fromConfig(config),
                    http.allowedOrigins(),
                    clock),
                new ProviderRoutes(json, tokens, engine),
                new HistoryRoutes(json, tokens, store.history(), clock),
                new AdminRoutes(
                    json,
                    tokens,
                    new AdminMetrics(store, engine.stats(), sessions),
                    new ClusterView(system, engine, store)),
                new TradingUiRoutes(UiAssets.load()));
    MetricsRoutes metricsRoutes = new MetricsRoutes(metrics, tickMeters, store.projectionLag());
    Route route =
        new RequestMetrics(metrics.registry())
            .timed(() -> Directives.concat(metricsRoutes.route(), api));
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-metrics",
            () -> {
              metrics.close();
              return CompletableFuture.completedFuture(Done.getInstance());
            });
    return new HttpApi(route, http, ingestToken, adminToken, sessions);
  }

  private static String tokenOrGenerated(String configured, String role) {
    if (!configured.isEmpty()) {
      return configured;
    }
    String generated = Tokens.generate();
    // Printed once, on the console only: tokens never go to the log.
    System.out.println(
        "Generated "
            + role
            + " token (set PRICE_ENGINE_"
            + role.toUpperCase()
            + "_TOKEN to choose your own): "
            + generated);
    return generated;
  }
}
