package io.priceengine.http.admin;

import akka.http.javadsl.server.Route;
import io.priceengine.http.ApiDirectives;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operator endpoints under /admin, for the admin role only. */
public final class AdminRoutes extends ApiDirectives {
  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

  private final AdminMetrics metrics;

  public AdminRoutes(Json json, Tokens tokens, AdminMetrics metrics) {
    super(json, tokens);
    this.metrics = metrics;
  }

  public Route route() {
    return pathPrefix(
        "admin", () -> path("metrics", () -> get(() -> authorized(Role.ADMIN, this::metrics))));
  }

  private Route metrics() {
    return onComplete(
        metrics.current(),
        result -> {
          if (result.isSuccess()) {
            return ok(result.get());
          }
          // The directory or the database did not answer: ours, retry later.
          log.warn("admin metrics failed: {}", result.failed().get().toString());
          return error(ApiError.unavailable("metrics are unavailable now; retry later"));
        });
  }
}
