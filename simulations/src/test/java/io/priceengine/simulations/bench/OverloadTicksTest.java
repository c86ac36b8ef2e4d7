package io.priceengine.simulations.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OverloadTicksTest {

  private static final Pattern TICK_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
  private static final Pattern SYMBOL = Pattern.compile("^[A-Z][A-Z0-9.\\-]{0,9}$");

  private final OverloadTicks ticks =
      new OverloadTicks(3, "run1", Instant.parse("2026-12-08T10:00:00.123456Z"));

  @Test
  void writesTicksWithSymbolPriceRunTimestampAndTickId() {
    Map<?, ?> body = (Map<?, ?>) Json.parse(ticks.body(new int[] {0, 1, 5}));
    List<?> list = (List<?>) body.get("ticks");
    Map<?, ?> last = (Map<?, ?>) list.get(2);
    assertEquals("OV0002", last.get("symbol"));
    assertEquals(new BigDecimal("100.0002"), last.get("price")); // the symbol's second tick
    assertEquals("2026-12-08T10:00:00.123Z", last.get("sourceTimestamp"));
    assertEquals("run1-5", last.get("tickId"));
    for (Object tick : list) {
      Map<?, ?> fields = (Map<?, ?>) tick;
      assertTrue(TICK_ID.matcher((String) fields.get("tickId")).matches());
      assertTrue(SYMBOL.matcher((String) fields.get("symbol")).matches());
    }
  }

  @Test
  void findsEachTickFromItsSymbolAndPrice() {
    Set<String> keys = new HashSet<>();
    for (int tick = 0; tick < 30; tick++) {
      assertEquals(tick, ticks.tickOf(ticks.symbol(tick), ticks.price(tick)));
      assertTrue(keys.add(ticks.symbol(tick) + " " + ticks.price(tick)), "unique");
    }
    // as PostgreSQL's NUMERIC(15,4) gives it back
    assertEquals(4, ticks.tickOf("OV0001", new BigDecimal("100.0002")));
  }

  @Test
  void knowsNoTickForAnotherSymbolOrPrice() {
    assertEquals(-1, ticks.tickOf("B0001", new BigDecimal("100.0001")));
    assertEquals(-1, ticks.tickOf("OV0001", new BigDecimal("100.0000")));
    assertEquals(-1, ticks.tickOf("OV0001", new BigDecimal("99.5")));
    assertEquals(-1, ticks.tickOf("OV0001", new BigDecimal("100.00015")));
  }
}
