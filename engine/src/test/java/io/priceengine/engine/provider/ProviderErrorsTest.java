package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.priceengine.engine.MutableClock;
import io.priceengine.engine.catalog.ProviderStats;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProviderErrorsTest {

  @Test
  void everyReportCountsAsAnErrorOfItsProviderOnly() {
    ProviderStats stats = new ProviderStats();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    ProviderErrors errors = new ProviderErrors("upstream-ws", stats.of("upstream-ws"), clock);
    for (int i = 0; i < 1000; i++) {
      errors.report("bad JSON", "{not json\u0000" + i);
      errors.report("missing field", "{}");
    }
    clock.advance(Duration.ofMinutes(2));
    errors.report("bad JSON", "again");
    assertEquals(2001, stats.of("upstream-ws").errorCount());
    assertEquals(0, stats.of("replay").errorCount());
  }
}
