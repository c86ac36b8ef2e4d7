package io.priceengine.http.health;

import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.Route;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import io.priceengine.http.server.ApiDirectives;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Liveness (the process answers) and readiness (it can do its job: see {@link Readiness}). Both are
 * open: load balancers and orchestrators call them without tokens.
 */
public final class HealthRoutes extends ApiDirectives {
  /** The 503 body: the API's error plus the state of each check. */
  public record NotReady(ApiError.Detail error, Map<String, String> checks) {}

  public record Live(String status) {}

  /** The 200 body. */
  public record Ready(String status, Map<String, String> checks) {}

  private final Readiness readiness;

  public HealthRoutes(Json json, Tokens tokens, Readiness readiness) {
    super(json, tokens);
    this.readiness = readiness;
  }

  public Route route() {
    return pathPrefix(
        "health",
        () ->
            concat(
                path("live", () -> get(() -> ok(new Live("up")))),
                path("ready", () -> get(this::ready))));
  }

  private Route ready() {
    return onSuccess(
        readiness.check(),
        checks -> {
          Map<String, String> states =
              checks.entrySet().stream()
                  .collect(
                      Collectors.toMap(
                          Map.Entry::getKey,
                          e -> e.getValue() ? "up" : "down",
                          (a, b) -> a,
                          TreeMap::new));
          if (!states.containsValue("down")) {
            return ok(new Ready("ready", states));
          }
          String down =
              states.entrySet().stream()
                  .filter(e -> e.getValue().equals("down"))
                  .map(Map.Entry::getKey)
                  .collect(Collectors.joining(", "));
          ApiError error =
              new ApiError(StatusCodes.SERVICE_UNAVAILABLE, "not_ready", "not ready: " + down);
          return json(error.status(), new NotReady(error.body().error(), states));
        });
  }
}
