package io.priceengine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay interrupted by a node stop continues where the entities are on the next start: every
 * line of the file ends up exactly once in each symbol's history (history id = line count).
 */
class ReplayProviderRestartTest {
  private static final List<String> SYMBOLS = List.of("RPA", "RPB", "RPC");
  private static final int TICKS_PER_SYMBOL = 100;
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void resumesAfterARestartWithoutReplayingAnyTickTwice(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("ticks.csv");
    writeTicks(file);

    TestEngine first = TestEngine.start("replay_restart", settings(file, "10"));
    try {
      // 30 s of file time at 10x: stop it a few ticks in, mid-replay.
      Polling.await(WAIT, () -> replayTicks(first.client()), ticks -> ticks >= 20);
      JsonNode providers = first.client().get("/api/v1/providers").json();
      assertEquals("up", statusOf(providers, "replay"), "replay up while it runs: " + providers);
      assertEquals("disabled", statusOf(providers, "simulated"));
      assertEquals("up", statusOf(providers, "push"));
    } finally {
      first.close();
    }

    try (TestEngine second = TestEngine.restartOn(first, settings(file, "max"))) {
      ApiClient api = second.client();
      for (int s = 0; s < SYMBOLS.size(); s++) {
        String symbol = SYMBOLS.get(s);
        JsonNode quote =
            Polling.await(
                WAIT,
                () -> api.get("/api/v1/market-data/prices/" + symbol).json(),
                q -> q != null && q.path("historyId").asLong() >= TICKS_PER_SYMBOL);
        assertEquals(TICKS_PER_SYMBOL, quote.get("historyId").asLong(), quote.toString());
        assertEquals(price(s, TICKS_PER_SYMBOL - 1), quote.get("price").asText());
        assertEquals("replay", quote.get("provider").asText());
      }
      assertEquals(0, errorsOf(api.get("/api/v1/providers").json(), "replay"));
    }
  }

  private static Map<String, Object> settings(Path file, String speed) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("price-engine.providers.enabled", "replay");
    settings.put("price-engine.providers.replay.file", file.toString());
    settings.put("price-engine.providers.replay.speed", speed);
    return settings;
  }

  /** Symbols in turn, one tick every 100 ms of file time, starting a day ago. */
  private static void writeTicks(Path file) throws IOException {
    long start = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
    List<String> lines = new ArrayList<>();
    lines.add("symbol,timestamp,price,volume");
    for (int i = 0; i < TICKS_PER_SYMBOL; i++) {
      for (int s = 0; s < SYMBOLS.size(); s++) {
        long at = start + 100L * (i * SYMBOLS.size() + s);
        lines.add(SYMBOLS.get(s) + "," + at + "," + price(s, i) + "," + (i + 1) * 10);
      }
    }
    Files.write(file, lines);
  }

  private static String price(int symbol, int tick) {
    return (10 * (symbol + 1)) + "." + String.format("%02d", tick);
  }

  private static long replayTicks(ApiClient api) {
    return find(api.get("/api/v1/providers").json(), "replay").get("ticks").asLong();
  }

  private static String statusOf(JsonNode providers, String code) {
    return find(providers, code).get("status").asText();
  }

  private static long errorsOf(JsonNode providers, String code) {
    return find(providers, code).get("errors").asLong();
  }

  private static JsonNode find(JsonNode providers, String code) {
    for (JsonNode provider : providers.get("providers")) {
      if (provider.get("code").asText().equals(code)) {
        return provider;
      }
    }
    throw new AssertionError("no provider " + code + " in " + providers);
  }
}
