package io.priceengine.http.provider;

import akka.http.javadsl.server.Route;
import io.priceengine.engine.provider.ProviderCatalog;
import io.priceengine.engine.provider.ProviderStats;
import io.priceengine.engine.provider.ProviderStatus;
import io.priceengine.http.ApiDirectives;
import io.priceengine.http.auth.Role;
import io.priceengine.http.auth.Tokens;
import io.priceengine.http.json.Json;
import java.util.List;

/** GET /providers: every provider of the catalog with its status on this node and its counts. */
public final class ProviderRoutes extends ApiDirectives {

  /** The response body. */
  public record Providers(List<ProviderStatus> providers) {}

  private final ProviderCatalog catalog;
  private final List<String> enabled;
  private final ProviderStats stats;

  public ProviderRoutes(
      Json json,
      Tokens tokens,
      ProviderCatalog catalog,
      List<String> enabled,
      ProviderStats stats) {
    super(json, tokens);
    this.catalog = catalog;
    this.enabled = List.copyOf(enabled);
    this.stats = stats;
  }

  public Route route() {
    return path(
        "providers",
        () ->
            get(
                () ->
                    authorized(
                        Role.READ,
                        () -> ok(new Providers(ProviderStatus.of(catalog, enabled, stats))))));
  }
}
