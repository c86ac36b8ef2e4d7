package io.priceengine.http.symbol;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.engine.Engine;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Tick;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.BoundedJson;
import io.priceengine.http.json.Json;
import io.priceengine.http.limits.RequestBodies;
import io.priceengine.http.server.ApiDirectives;
import io.priceengine.persistence.history.LastPrices;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The symbol universe: list it, onboard a symbol, delist one (its quote stays readable). */
public final class SymbolRoutes extends ApiDirectives {
  private static final long MAX_BODY = 16 * 1024;

  /** The GET body. */
  public record Symbols(List<SymbolView> symbols) {}

  private final SymbolEntities entities;
  private final SymbolUniverse universe;
  private final ProviderCatalog providers;
  private final BoundedJson bodies;
  private final RequestBodies requestBodies;
  private final LastPrices lastPrices;

  public SymbolRoutes(
      Json json, Tokens tokens, RequestBodies requestBodies, Engine engine, LastPrices lastPrices) {
    super(json, tokens);
    this.requestBodies = requestBodies;
    this.entities = engine.entities();
    this.universe = engine.universe();
    this.providers = engine.catalog();
    this.bodies = new BoundedJson(json.mapper());
    this.lastPrices = lastPrices;
  }

  public Route route() {
    return pathPrefix(
        "symbols",
        () ->
            concat(
                pathEnd(
                    () ->
                        concat(
                            get(() -> authorized(Role.READ, this::list)),
                            post(
                                () ->
                                    authorized(
                                        Role.ADMIN,
                                        () -> requestBodies.read(MAX_BODY, this::onboard))))),
                path(
                    segment(),
                    raw ->
                        delete(
                            () -> authorized(Role.ADMIN, () -> withSymbol(raw, this::delist))))));
  }

  /** Listings from the symbol directory, each with its last price from the master table. */
  private Route list() {
    return onSuccess(
        entities.listings().thenCombine(lastPrices.all(), SymbolRoutes::views),
        views -> ok(new Symbols(views)));
  }

  private static List<SymbolView> views(
      List<Listing> listings, Map<String, LastPrices.LastPrice> prices) {
    return listings.stream()
        .sorted(Comparator.comparing(Listing::symbol))
        .map(listing -> SymbolView.of(listing, prices.get(listing.symbol())))
        .toList();
  }

  private Route onboard(byte[] body) {
    JsonNode node;
    try {
      node = bodies.readTree(body);
    } catch (JsonProcessingException e) {
      return error(ApiError.invalidRequest("malformed JSON: " + e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      return error(
          ApiError.invalidRequest("body must be {\"symbol\",\"companyName\"?,\"provider\"?}"));
    }
    JsonNode symbol = node.get("symbol");
    if (symbol == null || !symbol.isTextual()) {
      return error(ApiError.invalidRequest("symbol is required and must be a string"));
    }
    JsonNode companyNameNode = node.path("companyName");
    JsonNode providerNode = node.path("provider");
    if (!isOptionalText(companyNameNode) || !isOptionalText(providerNode)) {
      return error(ApiError.invalidRequest("companyName and provider must be strings"));
    }
    String companyName = companyNameNode.isTextual() ? companyNameNode.asText() : null;
    if (companyName != null && !Tick.isValidCompanyName(companyName)) {
      return error(ApiError.invalidRequest(Tick.COMPANY_NAME_RULE));
    }
    if (providerNode.isTextual() && providers.find(providerNode.asText()).isEmpty()) {
      return error(ApiError.invalidRequest("unknown provider; known: " + providers.codes()));
    }
    return withSymbol(
        symbol.asText(),
        canonical ->
            onSuccess(
                refreshUniverse(entities.onboard(canonical, companyName)),
                result ->
                    json(
                        result.created() ? StatusCodes.CREATED : StatusCodes.OK,
                        SymbolView.of(result.listing(), null))));
  }

  private Route delist(String symbol) {
    return onSuccess(
        refreshUniverse(entities.delist(symbol)),
        found -> found ? complete(StatusCodes.NO_CONTENT) : error(ApiError.symbolNotFound(symbol)));
  }

  /** This node's providers follow a change at once, not at the universe's next refresh. */
  private <T> CompletionStage<T> refreshUniverse(CompletionStage<T> change) {
    return change.thenApply(
        result -> {
          universe.refresh();
          return result;
        });
  }

  private static boolean isOptionalText(JsonNode value) {
    return value.isMissingNode() || value.isNull() || value.isTextual();
  }
}
