package io.priceengine.http.admin;

import akka.http.javadsl.server.Route;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.ApiError;
import io.priceengine.http.json.Json;
import io.priceengine.http.server.ApiDirectives;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operator endpoints under /admin, for the admin role only. */
public final class AdminRoutes extends ApiDirectives {
  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);

  private final AdminMetrics metrics;
  private final ClusterView cluster;

  public AdminRoutes(Json json, Tokens tokens, AdminMetrics metrics, ClusterView cluster) {
    super(json, tokens);
    this.metrics = metrics;
    this.cluster = cluster;
  }

  public Route route() {
    return pathPrefix(
        "admin",
        () ->
            concat(
                path("metrics", () -> get(() -> authorized(Role.ADMIN, this::metrics))),
                path("cluster", () -> get(() -> authorized(Role.ADMIN, this::cluster)))));
  }

  private Route cluster() {
    return onComplete(
        cluster.current(),
        result -> {
          if (result.isSuccess()) {
            return ok(result.get());
          }
          log.warn("cluster view failed: {}", result.failed().get().toString());
          return error(ApiError.unavailable("the cluster view is unavailable now; retry later"));
        });
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
