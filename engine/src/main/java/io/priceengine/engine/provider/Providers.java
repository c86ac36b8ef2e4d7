package io.priceengine.engine.provider;

import akka.actor.typed.ActorSystem;
import akka.stream.UniqueKillSwitch;
import com.typesafe.config.Config;
import io.priceengine.engine.provider.replay.ReplayProvider;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolUniverse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Starts the providers named in {@code price-engine.providers.enabled} and stops them on close.
 * Fails fast on an unknown name, so a typo in the configuration does not silently disable a feed.
 */
public final class Providers implements AutoCloseable {
  public static final String NONE = "none";

  private final List<UniqueKillSwitch> running;

  private Providers(List<UniqueKillSwitch> running) {
    this.running = running;
  }

  /** The provider codes enabled by configuration, in order; empty for {@code none}. */
  public static List<String> enabled(Config config) {
    return Arrays.stream(config.getString("price-engine.providers.enabled").split(","))
        .map(name -> name.trim().toLowerCase(Locale.ROOT))
        .filter(name -> !name.isEmpty() && !name.equals(NONE))
        .distinct()
        .toList();
  }

  /**
   * Starts every enabled provider, built by the engine's own factories or by {@code more} (the
   * application's feeds, keyed by provider code).
   */
  public static Providers start(
      ActorSystem<?> system,
      Config config,
      SymbolEntities entities,
      SymbolUniverse universe,
      ProviderStats stats,
      Clock clock,
      Map<String, ProviderFactory> more) {
    Map<String, ProviderFactory> factories = new LinkedHashMap<>();
    factories.put(
        SimulatedProvider.CODE,
        context ->
            new SimulatedProvider(
                SimulatedProvider.Settings.fromConfig(context.config()),
                context.universe(),
                context.clock()));
    factories.put(ReplayProvider.CODE, ReplayProvider::create);
    factories.putAll(more);

    ProviderCatalog catalog = ProviderCatalog.fromConfig(config);
    List<PriceProvider> providers = new ArrayList<>();
    for (String code : enabled(config)) {
      ProviderFactory factory = factories.get(code);
      if (factory == null) {
        throw new IllegalArgumentException(
            "unknown provider in PRICE_ENGINE_PROVIDERS: "
                + code
                + " (available: "
                + String.join(", ", factories.keySet())
                + ", "
                + NONE
                + ")");
      }
      if (catalog.find(code).isEmpty()) {
        // Its ticks would all be rejected as coming from an unknown provider.
        throw new IllegalArgumentException(
            "provider " + code + " has no entry in price-engine.providers.catalog");
      }
      providers.add(
          factory.create(
              new ProviderContext(system, config, entities, universe, stats.of(code), clock)));
    }
    // Built first, started after: a configuration error in one leaves none of them running.
    TickIngestion.Settings ingest = TickIngestion.Settings.fromConfig(config);
    List<UniqueKillSwitch> running = new ArrayList<>();
    for (PriceProvider provider : providers) {
      running.add(TickIngestion.run(system, provider, entities, stats, ingest));
    }
    return new Providers(running);
  }

  @Override
  public void close() {
    running.forEach(UniqueKillSwitch::shutdown);
  }
}
