package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

  @Test
  void defaultsToLocalEngineWith32RequestsOf100Ticks() {
    IngestSettings settings =
        IngestSettings.from(new String[0], Map.of("PRICE_ENGINE_INGEST_TOKEN", "secret"));
    assertEquals(URI.create("http://127.0.0.1:8080"), settings.baseUrl());
    assertEquals("secret", settings.token());
    assertEquals(1000, settings.symbols());
    assertEquals(Duration.ofSeconds(30), settings.duration());
    assertEquals(Duration.ofSeconds(5), settings.warmUp());
    assertEquals(32, settings.concurrency());
    assertEquals(100, settings.ticksPerRequest());
    assertEquals(Path.of("ingest.json"), settings.output().getFileName());
  }

  @Test
  void argumentsWinOverTheEnvironment() {
    IngestSettings settings =
        IngestSettings.from(
            new String[] {"--baseUrl=http://localhost:18080/", "--concurrency=8", "--token=arg"},
            Map.of("PRICE_ENGINE_INGEST_TOKEN", "env", "BENCH_CONCURRENCY", "64"));
    assertEquals(URI.create("http://localhost:18080"), settings.baseUrl());
    assertEquals(8, settings.concurrency());
    assertEquals("arg", settings.token());
  }

  @Test
  void refusesRunsTheEngineCouldNotTakeOrTheBenchmarkCannotBuild() {
    Map<String, String> token = Map.of("PRICE_ENGINE_INGEST_TOKEN", "t");
    assertThrows(
        IllegalArgumentException.class, () -> IngestSettings.from(new String[0], Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> IngestSettings.from(new String[] {"--ticksPerRequest=1001"}, token));
    assertThrows(
        IllegalArgumentException.class,
        () -> IngestSettings.from(new String[] {"--symbols=10"}, token));
    assertThrows(
        IllegalArgumentException.class,
        () -> IngestSettings.from(new String[] {"--duration=ten"}, token));
    assertThrows(
        IllegalArgumentException.class,
        () -> IngestSettings.from(new String[] {"--nope=1"}, token));
  }
}
