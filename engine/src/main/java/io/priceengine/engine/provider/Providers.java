package io.priceengine.engine.provider;

import akka.actor.typed.ActorSystem;
import akka.stream.UniqueKillSwitch;
import com.typesafe.config.Config;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolUniverse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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

  public static Providers start(
      ActorSystem<?> system,
      Config config,
      SymbolEntities entities,
      SymbolUniverse universe,
      ProviderStats stats,
      Clock clock) {
    TickIngestion.Settings ingest = TickIngestion.Settings.fromConfig(config);
    List<UniqueKillSwitch> running = new ArrayList<>();
    for (String code : enabled(config)) {
      PriceProvider provider = create(code, config, universe, clock);
      running.add(TickIngestion.run(system, provider, entities, stats, ingest));
    }
    return new Providers(running);
  }

  private static PriceProvider create(
      String code, Config config, SymbolUniverse universe, Clock clock) {
    if (code.equals(SimulatedProvider.CODE)) {
      return new SimulatedProvider(SimulatedProvider.Settings.fromConfig(config), universe, clock);
    }
    throw new IllegalArgumentException(
        "unknown provider in PRICE_ENGINE_PROVIDERS: " + code + " (available: simulated, none)");
  }

  @Override
  public void close() {
    running.forEach(UniqueKillSwitch::shutdown);
  }
}
