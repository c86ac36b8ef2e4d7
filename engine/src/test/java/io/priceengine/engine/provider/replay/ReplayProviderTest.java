package io.priceengine.engine.provider.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.stream.javadsl.Sink;
import io.priceengine.engine.catalog.ProviderStats;
import io.priceengine.engine.provider.ProviderErrors;
import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Tick;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayProviderTest {
  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  private static List<String> replay(
      String file,
      String speed,
      Map<String, Instant> current,
      SymbolUniverse universe,
      ProviderStats.Counters counters)
      throws Exception {
    ReplayProvider provider =
        new ReplayProvider(
            new ReplaySettings(file, ReplaySettings.parseSpeed(speed), 4),
            universe,
            symbol -> CompletableFuture.completedFuture(Optional.ofNullable(current.get(symbol))),
            new ProviderErrors(ReplayProvider.CODE, counters, Clock.systemUTC()),
            testKit.system(),
            Clock.systemUTC());
    return provider
        .replayOnce()
        .map(ReplayProviderTest::describe)
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static String describe(Tick tick) {
    return tick.symbol() + "@" + tick.sourceTimestamp().toEpochMilli() + "=" + tick.price();
  }

  @Test
  void resumesAfterEachSymbolsCurrentQuoteAndSkipsMalformedAndDelistedLines(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("ticks.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(
          String.join(
                  "\n",
                  "symbol,timestamp,price",
                  "AAPL,1000,1.1",
                  "MSFT,1500,2.1",
                  "AAPL,2000,1.2",
                  "AAPL,not-a-time,1.25",
                  "OLD,2500,9",
                  "AAPL,3000,1.3",
                  "MSFT,3500,2.2")
              .getBytes(StandardCharsets.UTF_8));
    }
    SymbolUniverse universe =
        SymbolUniverse.fixed(
            Map.of("OLD", new Listing("OLD", null, false, Listing.ADDED_BY_API, Instant.EPOCH)));
    ProviderStats.Counters counters = new ProviderStats().of(ReplayProvider.CODE);

    List<String> ticks =
        replay(
            file.toString(), "max", Map.of("AAPL", Instant.ofEpochMilli(2000)), universe, counters);

    assertEquals(List.of("MSFT@1500=2.1", "AAPL@3000=1.3", "MSFT@3500=2.2"), ticks);
    assertEquals(1, counters.errorCount());
  }

  @Test
  void pacedReplayKeepsFileOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ticks.csv");
    // 2 s of file time at 100x: 20 ms of pacing.
    Files.writeString(file, "AAPL,0,1\nAAPL,1000,2\nMSFT,1500,3\nAAPL,2000,4\n");
    List<String> ticks =
        replay(
            file.toString(),
            "100",
            Map.of(),
            SymbolUniverse.fixed(Map.of()),
            new ProviderStats().of(ReplayProvider.CODE));
    assertEquals(List.of("AAPL@0=1", "AAPL@1000=2", "MSFT@1500=3", "AAPL@2000=4"), ticks);
  }

  @Test
  void shippedSampleReplaysCleanly() throws Exception {
    ProviderStats.Counters counters = new ProviderStats().of(ReplayProvider.CODE);
    List<String> ticks =
        replay(
            "classpath:replay/sample.csv",
            "max",
            Map.of(),
            SymbolUniverse.fixed(Map.of()),
            counters);
    assertEquals(3000, ticks.size());
    assertEquals(0, counters.errorCount());
  }

  @Test
  void missingFileFailsTheStreamSoThatIngestionRetries(@TempDir Path dir) {
    Path missing = dir.resolve("nope.csv");
    Exception error =
        assertThrows(
            Exception.class,
            () ->
                replay(
                    missing.toString(),
                    "max",
                    Map.of(),
                    SymbolUniverse.fixed(Map.of()),
                    new ProviderStats().of(ReplayProvider.CODE)));
    assertTrue(String.valueOf(error.getCause()).contains("nope.csv"), String.valueOf(error));
  }
}
