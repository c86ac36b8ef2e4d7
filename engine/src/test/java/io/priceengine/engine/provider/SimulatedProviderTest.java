package io.priceengine.engine.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.priceengine.engine.MutableClock;
import io.priceengine.engine.symbol.SymbolUniverse;
import io.priceengine.engine.symbol.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The simulated feed's batches, driven by hand on a clock that moves 100 ms per batch. */
class SimulatedProviderTest {
  private static final Instant T0 = Instant.parse("2026-12-01T14:30:00Z");

  private static final Duration STALE_AFTER = Duration.ofSeconds(5);

  private static SimulatedProvider.Settings settings(int ticksPerSecond) {
    return new SimulatedProvider.Settings(ticksPerSecond, 42, 0.001, "universe.csv", STALE_AFTER);
  }

  @Test
  void keepsEveryShippedSymbolWithinThreeSecondsAtTheDefaultRate() {
    MutableClock clock = new MutableClock(T0);
    SimulatedProvider provider =
        new SimulatedProvider(settings(50), SymbolUniverse.fixed(Map.of()), clock);
    List<String> symbols = provider.coveredSymbols();
    assertTrue(symbols.size() >= 100, "shipped universe: " + symbols.size());

    Map<String, Instant> lastTick = new HashMap<>();
    Duration longest = Duration.ZERO;
    Instant start = clock.instant();
    for (int batch = 0; batch < 600; batch++) {
      for (Tick tick : provider.nextBatch(5)) {
        lastTick.put(tick.symbol(), clock.instant());
      }
      for (String symbol : symbols) {
        Duration waited = Duration.between(lastTick.getOrDefault(symbol, start), clock.instant());
        longest = longest.compareTo(waited) < 0 ? waited : longest;
      }
      clock.advance(Duration.ofMillis(100));
    }
    assertEquals(symbols.size(), lastTick.size());
    assertTrue(
        longest.compareTo(Duration.ofSeconds(3)) <= 0, "a symbol waited " + longest.toMillis());
  }

  @Test
  void warnsOnceWhenTheRateCannotKeepTheSymbolsFresh() {
    Logger logger = (Logger) LoggerFactory.getLogger(SimulatedProvider.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      SimulatedProvider fresh =
          new SimulatedProvider(settings(50), SymbolUniverse.fixed(Map.of()), new MutableClock(T0));
      fresh.nextBatch(5);
      assertEquals(List.of(), appender.list);

      // 10 ticks/s over ~100 symbols: each would wait about 10 s, longer than its 5 s.
      SimulatedProvider slow =
          new SimulatedProvider(settings(10), SymbolUniverse.fixed(Map.of()), new MutableClock(T0));
      for (int batch = 0; batch < 20; batch++) {
        slow.nextBatch(1);
      }
      assertEquals(1, appender.list.size());
      ILoggingEvent warning = appender.list.get(0);
      assertEquals(Level.WARN, warning.getLevel());
      assertTrue(
          warning.getFormattedMessage().contains("stale-after"), warning.getFormattedMessage());
    } finally {
      logger.detachAppender(appender);
    }
  }
}
