package io.priceengine.http.provider;

import akka.http.javadsl.server.Route;
import io.priceengine.engine.Engine;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.provider.ClusterProviders;
import io.priceengine.engine.provider.ProviderStatus;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.Json;
import io.priceengine.http.server.ApiDirectives;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * GET /providers: every provider of the catalog with its status and counts as seen by the node that
 * runs the providers ({@link ClusterProviders}), except {@code push}, which every node serves and
 * counts itself. While the providers' node cannot be asked (it is being replaced after a crash),
 * this node's own view answers: the providers are not running here, so they show down.
 */
public final class ProviderRoutes extends ApiDirectives {

  /** The response body. */
  public record Providers(List<ProviderStatus> providers) {}

  private final ProviderCatalog catalog;
  private final List<String> enabled;
  private final ProviderStats stats;
  private final ClusterProviders running;

  public ProviderRoutes(Json json, Tokens tokens, Engine engine) {
    super(json, tokens);
    this.catalog = engine.catalog();
    this.enabled = List.copyOf(engine.enabled());
    this.stats = engine.stats();
    this.running = engine.providers();
  }

  public Route route() {
    return path(
        "providers", () -> get(() -> authorized(Role.READ, () -> onSuccess(statuses(), this::ok))));
  }

  private CompletionStage<Providers> statuses() {
    List<ProviderStatus> local = ProviderStatus.of(catalog, enabled, stats);
    return running
        .statuses()
        .handle(
            (remote, failure) ->
                new Providers(
                    failure != null
                        ? local
                        : remote.providers().stream()
                            .map(p -> p.code().equals(ProviderCatalog.PUSH) ? localPush(local) : p)
                            .toList()));
  }

  private static ProviderStatus localPush(List<ProviderStatus> local) {
    return local.stream()
        .filter(p -> p.code().equals(ProviderCatalog.PUSH))
        .findFirst()
        .orElseThrow();
  }
}
