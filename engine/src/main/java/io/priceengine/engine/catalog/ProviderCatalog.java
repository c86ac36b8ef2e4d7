package io.priceengine.engine.catalog;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every provider the engine accepts ticks from, with its priority and staleness threshold
 * (docs/architecture.md, "Staleness and failover"). Immutable; built once from {@code
 * price-engine.providers.catalog}.
 */
public final class ProviderCatalog {
  public static final String PUSH = "push";

  private final Map<String, ProviderSpec> byCode;

  public ProviderCatalog(Collection<ProviderSpec> specs) {
    Map<String, ProviderSpec> map = new LinkedHashMap<>();
    specs.stream()
        .sorted(Comparator.comparingInt(ProviderSpec::priority).thenComparing(ProviderSpec::code))
        .forEach(spec -> map.put(spec.code(), spec));
    this.byCode = Map.copyOf(map);
  }

  public static ProviderCatalog fromConfig(Config config) {
    Config catalog = config.getConfig("price-engine.providers.catalog");
    return new ProviderCatalog(
        catalog.root().keySet().stream()
            .map(
                code -> {
                  Config entry = catalog.getConfig(code);
                  return new ProviderSpec(
                      code,
                      entry.getString("display-name"),
                      entry.getInt("priority"),
                      entry.getDuration("stale-after"));
                })
            .toList());
  }

  public Optional<ProviderSpec> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
  }

  public List<ProviderSpec> all() {
    return byCode.values().stream()
        .sorted(Comparator.comparingInt(ProviderSpec::priority).thenComparing(ProviderSpec::code))
        .toList();
  }

  public List<String> codes() {
    return all().stream().map(ProviderSpec::code).toList();
  }

  /**
   * Whether a quote set by {@code provider} at {@code lastUpdated} is too old to trust at {@code
   * now}.
   */
  public boolean isStale(String provider, Instant lastUpdated, Instant now) {
    Duration staleAfter = find(provider).map(ProviderSpec::staleAfter).orElse(Duration.ZERO);
    return lastUpdated.plus(staleAfter).isBefore(now);
  }

  /**
   * Whether a tick from {@code challenger} may replace a quote set by {@code owner}: always from
   * the same or a preferred provider, otherwise only once the owner's quote is stale.
   */
  public boolean mayReplace(String challenger, String owner, Instant ownerUpdated, Instant now) {
    if (challenger.equals(owner)) {
      return true;
    }
    int challengerPriority = find(challenger).map(ProviderSpec::priority).orElse(Integer.MAX_VALUE);
    int ownerPriority = find(owner).map(ProviderSpec::priority).orElse(Integer.MAX_VALUE);
    return challengerPriority <= ownerPriority || isStale(owner, ownerUpdated, now);
  }
}
