package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.catalog.ProviderSpec;
import io.priceengine.engine.catalog.ProviderStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderStatusTest {
  private static final ProviderCatalog CATALOG =
      new ProviderCatalog(
          List.of(
              new ProviderSpec("push", "HTTP push", 1, Duration.ofSeconds(60)),
              new ProviderSpec("upstream-ws", "Upstream", 10, Duration.ofSeconds(10)),
              new ProviderSpec("replay", "Replay", 20, Duration.ofSeconds(60)),
              new ProviderSpec("simulated", "Simulated", 50, Duration.ofSeconds(5))));

  private static List<String> statuses(ProviderStats stats, List<String> enabled) {
    return ProviderStatus.of(CATALOG, enabled, stats).stream()
        .map(s -> s.code() + "=" + s.status())
        .toList();
  }

  @Test
  void upWhileStreamRunsAndUpstreamAnswersDownOtherwiseDisabledWhenNotEnabled() {
    ProviderStats stats = new ProviderStats();
    List<String> enabled = List.of("upstream-ws", "replay");
    assertEquals(
        List.of("push=up", "upstream-ws=down", "replay=down", "simulated=disabled"),
        statuses(stats, enabled));

    stats.of("replay").streamRunning(true);
    stats.of("upstream-ws").streamRunning(true);
    stats.of("upstream-ws").upstreamUp(false);
    assertEquals(
        List.of("push=up", "upstream-ws=down", "replay=up", "simulated=disabled"),
        statuses(stats, enabled));

    stats.of("upstream-ws").upstreamUp(true);
    assertEquals("upstream-ws=up", statuses(stats, enabled).get(1));
    stats.of("upstream-ws").streamRunning(false);
    assertEquals("upstream-ws=down", statuses(stats, enabled).get(1));
  }

  @Test
  void carriesCountsAndLastTick() {
    ProviderStats stats = new ProviderStats();
    Instant at = Instant.parse("2026-11-23T10:00:00Z");
    stats.of("replay").accepted(at.minusSeconds(5));
    stats.of("replay").accepted(at);
    stats.of("replay").rejected("stale_tick");
    stats.of("replay").error();
    ProviderStatus replay = ProviderStatus.of(CATALOG, List.of("replay"), stats).get(2);
    assertEquals(new ProviderStatus("replay", "Replay", 20, "down", at, 2, 1), replay);
  }
}
