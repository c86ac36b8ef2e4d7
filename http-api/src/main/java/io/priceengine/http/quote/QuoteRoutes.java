package io.priceengine.http.quote;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.server.Route;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import io.priceengine.http.server.ApiDirectives;
import io.priceengine.http.symbol.SymbolList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Current quotes, read from the symbol entities (never from SQL): one symbol, or many in request
 * order with the ones that have no price listed as missing.
 */
public final class QuoteRoutes extends ApiDirectives {
  /** The bulk response: quotes in request order, and the symbols without one. */
  public record Quotes(List<Quote> quotes, List<String> missing) {}

  private final SymbolEntities entities;
  private final int maxSymbols;

  public QuoteRoutes(Json json, Tokens tokens, SymbolEntities entities, int maxSymbols) {
    super(json, tokens);
    this.entities = entities;
    this.maxSymbols = maxSymbols;
  }

  public Route route() {
    return pathPrefix(
        "prices",
        () ->
            concat(
                pathEnd(
                    () ->
                        get(
                            () ->
                                authorized(
                                    Role.READ, () -> parameterOptional("symbols", this::bulk)))),
                path(
                    segment(),
                    raw -> get(() -> authorized(Role.READ, () -> withSymbol(raw, this::single))))));
  }

  private Route single(String symbol) {
    return onSuccess(
        entities.quote(symbol),
        quote -> quote.map(this::ok).orElseGet(() -> error(ApiError.symbolNotFound(symbol))));
  }

  private Route bulk(Optional<String> rawSymbols) {
    return SymbolList.parse(rawSymbols, maxSymbols)
        .fold(this::error, symbols -> onSuccess(quotes(symbols), this::ok));
  }

  private CompletionStage<Quotes> quotes(List<String> symbols) {
    List<CompletableFuture<Optional<Quote>>> asks =
        symbols.stream().map(s -> entities.quote(s).toCompletableFuture()).toList();
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<Quote> quotes = new ArrayList<>();
              List<String> missing = new ArrayList<>();
              for (int i = 0; i < symbols.size(); i++) {
                Optional<Quote> quote = asks.get(i).join();
                if (quote.isPresent()) {
                  quotes.add(quote.get());
                } else {
                  missing.add(symbols.get(i));
                }
              }
              return new Quotes(quotes, missing);
            });
  }
}
