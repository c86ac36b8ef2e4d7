package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FanoutSettingsTest {
  private static final Map<String, String> TOKEN = Map.of("PRICE_ENGINE_INGEST_TOKEN", "secret");

  @Test
  void defaultsToAThousandClientsOfTenSymbolsAt5000TicksPerSecond() {
    FanoutSettings settings = FanoutSettings.from(new String[0], TOKEN);
    assertEquals(1000, settings.clients());
    assertEquals(1000, settings.symbols());
    assertEquals(10, settings.symbolsPerClient());
    assertEquals(5000, settings.rate());
  }

  @Test
  void everySymbolGetsTheSameNumberOfSubscribers() {
    FanoutSettings settings =
        FanoutSettings.from(
            new String[] {"--symbols=20", "--symbolsPerClient=3", "--ticksPerRequest=5"}, TOKEN);
    assertArrayEquals(new String[] {"B0000", "B0001", "B0002"}, settings.symbolsOf(0));
    assertArrayEquals(new String[] {"B0018", "B0019", "B0000"}, settings.symbolsOf(6));
  }

  @Test
  void refusesUnknownOrImpossibleOptions() {
    assertThrows(
        IllegalArgumentException.class,
        () -> FanoutSettings.from(new String[] {"--speed=1"}, TOKEN));
    assertThrows(
        IllegalArgumentException.class,
        () -> FanoutSettings.from(new String[] {"--symbols=5", "--symbolsPerClient=6"}, TOKEN));
    assertThrows(
        IllegalArgumentException.class, () -> FanoutSettings.from(new String[0], Map.of()));
  }
}
