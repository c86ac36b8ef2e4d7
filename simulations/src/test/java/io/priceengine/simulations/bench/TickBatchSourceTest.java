package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TickBatchSourceTest {

  private static final Pattern SYMBOL = Pattern.compile("^[A-Z][A-Z0-9.\\-]{0,9}$");
  private static final Pattern TIMESTAMP =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");

  /** A wall clock the test moves by hand, backwards too. */
  private static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-11-23T10:00:00.123Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void namesSymbolsWithAtLeastFourDigitsAndWithinTheSymbolRule() {
    assertEquals("B0000", TickBatchSource.symbolName(0, 1000));
    assertEquals("B0999", TickBatchSource.symbolName(999, 1000));
    assertEquals("B00042", TickBatchSource.symbolName(42, 100_000));
    assertTrue(SYMBOL.matcher(TickBatchSource.symbolName(0, IngestSettings.MAX_SYMBOLS)).matches());
  }

  @Test
  void spreadsEachBatchOverDistinctSymbolsRoundRobin() {
    TickBatchSource source = new TickBatchSource(250, 100, 1, new HandClock());
    List<String> sent = new ArrayList<>();
    for (int batch = 0; batch < 5; batch++) {
      List<Map<?, ?>> ticks = ticks(source.nextBatch());
      Set<String> distinct = new HashSet<>();
      for (Map<?, ?> tick : ticks) {
        String symbol = (String) tick.get("symbol");
        assertTrue(SYMBOL.matcher(symbol).matches(), symbol);
        assertTrue(distinct.add(symbol), "repeated in one batch: " + symbol);
        sent.add(symbol);
      }
      assertEquals(100, ticks.size());
    }
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(TickBatchSource.symbolName(i % 250, 250), sent.get(i));
    }
  }

  @Test
  void writesPushTicksWithPositivePricesOfTwoToFourDecimals() {
    TickBatchSource source = new TickBatchSource(50, 50, 7, new HandClock());
    Set<Integer> scales = new HashSet<>();
    for (int batch = 0; batch < 2_000; batch++) {
      for (Map<?, ?> tick : ticks(source.nextBatch())) {
        BigDecimal price = (BigDecimal) tick.get("price");
        assertTrue(price.signum() > 0 && price.compareTo(BigDecimal.valueOf(1_000_000)) < 0);
        scales.add(price.scale());
        assertEquals("push", tick.get("provider"));
        assertTrue(((BigDecimal) tick.get("volume")).signum() > 0);
        assertTrue(TIMESTAMP.matcher((String) tick.get("sourceTimestamp")).matches());
      }
    }
    assertEquals(Set.of(2, 3, 4), scales);
  }

  @Test
  void neverSendsAnOlderTimestampForASymbolWhenTheClockStepsBack() {
    HandClock clock = new HandClock();
    TickBatchSource source = new TickBatchSource(10, 10, 3, clock);
    Map<String, String> first = timestamps(source.nextBatch());
    clock.now = clock.now.minusSeconds(5);
    Map<String, String> second = timestamps(source.nextBatch());
    first.forEach(
        (symbol, timestamp) -> assertTrue(second.get(symbol).compareTo(timestamp) >= 0, symbol));
    assertEquals("2026-11-23T10:00:00.123Z", second.get("B0000"));
  }

  private static Map<String, String> timestamps(String body) {
    Map<String, String> bySymbol = new HashMap<>();
    for (Map<?, ?> tick : ticks(body)) {
      bySymbol.put((String) tick.get("symbol"), (String) tick.get("sourceTimestamp"));
    }
    return bySymbol;
  }

  private static List<Map<?, ?>> ticks(String body) {
    List<Map<?, ?>> ticks = new ArrayList<>();
    for (Object tick : (List<?>) ((Map<?, ?>) Json.parse(body)).get("ticks")) {
      ticks.add((Map<?, ?>) tick);
    }
    return ticks;
  }
}
