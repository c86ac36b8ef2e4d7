package io.priceengine.http;

import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.priceengine.http.admin.AdminRoutes;
import io.priceengine.http.health.HealthRoutes;
import io.priceengine.http.history.HistoryRoutes;
import io.priceengine.http.ingest.TickRoutes;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.ErrorHandling;
import io.priceengine.http.json.Json;
import io.priceengine.http.limits.RejectedInputLog;
import io.priceengine.http.limits.RejectedInputLogging;
import io.priceengine.http.provider.ProviderRoutes;
import io.priceengine.http.quote.QuoteRoutes;
import io.priceengine.http.stream.StreamRoutes;
import io.priceengine.http.symbol.SymbolRoutes;
import io.priceengine.http.ui.TradingUiRoutes;

/**
 * The whole HTTP API and the trading page: every resource's routes under one error handling, with
 * every rejected request logged (rate-limited) and a timely 503 for a request we could not answer.
 */
public final class ApiRoutes extends AllDirectives {

  public Route route(
      Json json,
      HealthRoutes health,
      QuoteRoutes quotes,
      TickRoutes ticks,
      SymbolRoutes symbols,
      StreamRoutes streams,
      ProviderRoutes providers,
      HistoryRoutes history,
      AdminRoutes admin,
      TradingUiRoutes tradingUi) {
    Route api =
        handleExceptions(
            ErrorHandling.exceptionHandler(json),
            () ->
                handleRejections(
                    ErrorHandling.rejectionHandler(json),
                    () ->
                        concat(
                            health.route(),
                            tradingUi.route(),
                            pathPrefix(
                                "api",
                                () ->
                                    pathPrefix(
                                        "v1",
                                        () ->
                                            concat(
                                                pathPrefix(
                                                    "market-data",
                                                    () ->
                                                        concat(
                                                            quotes.route(),
                                                            ticks.route(),
                                                            streams.route(),
                                                            history.route())),
                                                symbols.route(),
                                                providers.route(),
                                                admin.route()))))));
    RejectedInputLogging rejectedInput =
        new RejectedInputLogging(json.mapper(), RejectedInputLog.shared());
    return rejectedInput.around(
        () ->
            withRequestTimeoutResponse(
                request ->
                    ErrorHandling.response(
                        json, ApiError.unavailable("no response in time; retry later")),
                () -> api));
  }
}
