package io.priceengine.http.history;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.server.Route;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import io.priceengine.http.server.ApiDirectives;
import io.priceengine.persistence.history.Candle;
import io.priceengine.persistence.history.PriceHistory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A symbol's price history and candles, read from the tables the projection writes (so they lag the
 * live quote by the projection lag). A valid symbol without projected prices gets empty lists.
 */
public final class HistoryRoutes extends ApiDirectives {
  private static final Logger log = LoggerFactory.getLogger(HistoryRoutes.class);

  /** The candles response. */
  public record Candles(String symbol, String interval, List<Candle> candles) {}

  private final PriceHistory history;
  private final Clock clock;

  public HistoryRoutes(Json json, Tokens tokens, PriceHistory history, Clock clock) {
    super(json, tokens);
    this.history = history;
    this.clock = clock;
  }

  public Route route() {
    return pathPrefix(
        "prices",
        () ->
            pathPrefix(
                segment(),
                raw ->
                    concat(
                        path("history", () -> get(() -> read(raw, this::history))),
                        path("candles", () -> get(() -> read(raw, this::candles))))));
  }

  private Route read(String raw, Function<String, Route> inner) {
    return authorized(Role.READ, () -> withSymbol(raw, inner));
  }

  private Route history(String symbol) {
    return parameterOptional(
        "from",
        from ->
            parameterOptional(
                "to",
                to ->
                    parameterOptional(
                        "limit",
                        limit ->
                            parameterOptional(
                                "before",
                                before ->
                                    HistoryParameters.history(from, to, limit, before)
                                        .fold(
                                            this::error,
                                            query -> answer(history.page(symbol, query)))))));
  }

  private Route candles(String symbol) {
    return parameterOptional(
        "interval",
        interval ->
            parameterOptional(
                "from",
                from ->
                    parameterOptional(
                        "to",
                        to ->
                            HistoryParameters.candles(interval, from, to, clock.instant())
                                .fold(this::error, query -> answer(candles(symbol, query))))));
  }

  private CompletionStage<Candles> candles(String symbol, HistoryParameters.CandleQuery query) {
    return history
        .candles(symbol, query.interval(), query.from(), query.to())
        .thenApply(candles -> new Candles(symbol, query.interval().code(), candles));
  }

  /** The read's result, or 503 when the database did not answer: ours, never the client's. */
  private Route answer(CompletionStage<?> read) {
    return onComplete(
        read,
        result -> {
          if (result.isSuccess()) {
            return ok(result.get());
          }
          log.warn("history read failed: {}", result.failed().get().toString());
          return error(ApiError.unavailable("price history is unavailable now; retry later"));
        });
  }
}
