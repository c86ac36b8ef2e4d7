package io.priceengine.engine.provider;

import akka.actor.typed.ActorSystem;
import akka.stream.UniqueKillSwitch;
import com.typesafe.config.Config;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.ingest.Ingestion;
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
 * The providers named in {@code price-engine.providers.enabled}, built at start-up and run where
 * {@link ClusterProviders} places them. Building fails fast on an unknown name, so a typo in the
 * configuration does not silently disable a feed, on every node and not only on the one that
 * happens to run the providers.
 */
public final class Providers {
  public static final String NONE = "none";

  private final ActorSystem<?> system;
  private final Ingestion ingestion;
  private final ProviderStats stats;
  private final TickIngestion.Settings ingest;
  private final List<PriceProvider> providers;

  private Providers(
      ActorSystem<?> system,
      Ingestion ingestion,
      ProviderStats stats,
      TickIngestion.Settings ingest,
      List<PriceProvider> providers) {
    this.system = system;
    this.ingestion = ingestion;
    this.stats = stats;
    this.ingest = ingest;
    this.providers = providers;
  }

  /** Stops running providers; in-flight ticks still complete. */
  public interface Running extends AutoCloseable {
    @Override
    void close();
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
   * Builds every enabled provider, by the engine's own factories or by {@code more} (the
   * application's feeds, keyed by provider code), without starting any.
   */
  public static Providers build(
      ActorSystem<?> system,
      Config config,
      SymbolEntities entities,
      Ingestion ingestion,
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
    return new Providers(
        system,
        ingestion,
        stats,
        TickIngestion.Settings.fromConfig(config),
        List.copyOf(providers));
  }

  /** Starts every provider on this node; each {@link PriceProvider#ticks()} call is fresh. */
  public Running run() {
    List<UniqueKillSwitch> running = new ArrayList<>();
    for (PriceProvider provider : providers) {
      running.add(TickIngestion.run(system, provider, ingestion, stats, ingest));
    }
    return () -> running.forEach(UniqueKillSwitch::shutdown);
  }

  public boolean isEmpty() {
    return providers.isEmpty();
  }
}
