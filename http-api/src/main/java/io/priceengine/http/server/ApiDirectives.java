package io.priceengine.http.server;

import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.model.headers.HttpChallenge;
import akka.http.javadsl.model.headers.WWWAuthenticate;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import io.priceengine.engine.symbol.Rejection;
import io.priceengine.engine.symbol.Symbols;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every routes class of the API shares: JSON responses, API errors, bearer-token roles and
 * symbol parsing, so that each endpoint reads as its contract.
 */
public abstract class ApiDirectives extends AllDirectives {
  private static final String BEARER = "Bearer ";

  protected final Json json;
  protected final Tokens tokens;

  protected ApiDirectives(Json json, Tokens tokens) {
    this.json = json;
    this.tokens = tokens;
  }

  protected Route ok(Object body) {
    return complete(StatusCodes.OK, body, json.marshaller());
  }

  protected Route json(StatusCode status, Object body) {
    return complete(status, body, json.marshaller());
  }

  protected Route error(ApiError error) {
    return complete(error.status(), error.body(), json.marshaller());
  }

  /** A valid symbol, upper-cased, or 400 {@code invalid_symbol}. */
  protected Route withSymbol(String raw, Function<String, Route> inner) {
    return Symbols.normalize(raw)
        .map(inner)
        .orElseGet(
            () ->
                error(
                    ApiError.badRequest("invalid_symbol", Rejection.invalidSymbol(raw).message())));
  }

  /**
   * Runs {@code inner} when the request carries a token with {@code required} (reads need none
   * unless a read token is configured): 401 without a known token, 403 with too weak a one. {@code
   * allowQueryToken} accepts {@code ?token=} for browsers' WebSocket and EventSource.
   */
  protected Route authorized(Role required, boolean allowQueryToken, Supplier<Route> inner) {
    return authenticated(required, allowQueryToken, granted -> inner.get());
  }

  protected Route authorized(Role required, Supplier<Route> inner) {
    return authorized(required, false, inner);
  }

  /** As {@link #authorized}, for a role that always needs a token: {@code inner} gets its role. */
  protected Route authorizedAs(Role required, Function<Role, Route> inner) {
    return authenticated(required, false, granted -> inner.apply(granted.orElseThrow()));
  }

  private Route authenticated(
      Role required, boolean allowQueryToken, Function<Optional<Role>, Route> inner) {
    return optionalHeaderValueByName(
        "Authorization",
        header ->
            parameterOptional(
                "token",
                queryToken -> {
                  if (required == Role.READ && tokens.readsAreOpen()) {
                    return inner.apply(Optional.empty());
                  }
                  Optional<String> token =
                      bearer(header).or(() -> allowQueryToken ? queryToken : Optional.empty());
                  if (token.isEmpty()) {
                    return unauthorized(
                        "this endpoint needs a bearer token (Authorization: Bearer TOKEN)");
                  }
                  Optional<Role> role = tokens.roleOf(token.get());
                  if (role.isEmpty()) {
                    return unauthorized("unknown token");
                  }
                  if (!role.get().includes(required)) {
                    return error(
                        new ApiError(
                            StatusCodes.FORBIDDEN,
                            "forbidden",
                            "this endpoint needs the " + required.name().toLowerCase() + " role"));
                  }
                  return inner.apply(role);
                }));
  }

  /** 401 with the challenge RFC 6750 asks for. */
  private Route unauthorized(String message) {
    return respondWithHeader(
        WWWAuthenticate.create(HttpChallenge.create("Bearer", "price-engine")),
        () -> error(ApiError.unauthorized(message)));
  }

  private static Optional<String> bearer(Optional<String> header) {
    return header
        .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(value -> value.substring(BEARER.length()).trim())
        .filter(token -> !token.isEmpty());
  }
}
