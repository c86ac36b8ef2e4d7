package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.priceengine.engine.catalog.ProviderStats;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {

  private static Config enabling(String providers) {
    return ConfigFactory.parseMap(Map.of("price-engine.providers.enabled", providers))
        .withFallback(ConfigFactory.load());
  }

  private static IllegalArgumentException startFails(Config config) {
    // Fails while building the providers, before anything touches the system or the entities.
    return assertThrows(
        IllegalArgumentException.class,
        () ->
            Providers.build(
                null, config, null, null, null, new ProviderStats(), Clock.systemUTC(), Map.of()));
  }

  @Test
  void enabledListIsTrimmedLowerCasedAndWithoutNone() {
    assertEquals(
        List.of("replay", "simulated"), Providers.enabled(enabling(" Replay,simulated,replay,")));
    assertEquals(List.of(), Providers.enabled(enabling("none")));
  }

  @Test
  void unknownProviderFailsStartUpNamingTheAvailableOnes() {
    assertEquals(
        "unknown provider in PRICE_ENGINE_PROVIDERS: bloomberg (available: simulated, replay,"
            + " none)",
        startFails(enabling("simulated,bloomberg")).getMessage());
  }

  @Test
  void providerWithoutCatalogEntryFailsStartUp() {
    Config config =
        enabling("replay")
            .withValue(
                "price-engine.providers.catalog",
                ConfigValueFactory.fromMap(
                    Map.of(
                        "push",
                        Map.of("display-name", "HTTP push", "priority", 1, "stale-after", "60s"))));
    assertEquals(
        "provider replay has no entry in price-engine.providers.catalog",
        startFails(config).getMessage());
  }
}
