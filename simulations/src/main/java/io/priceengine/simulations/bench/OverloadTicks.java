package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The ticks of an overload run, each known by its number in the run. Tick {@code n} names symbol
 * {@code n mod symbols} and is that symbol's {@code (n / symbols + 1)}-th tick: its price encodes
 * that ordinal (100.0001, 100.0002, ...), so (symbol, price, source timestamp) finds its history
 * row; its {@code tickId} is unique to the run; and every tick carries the run's one source
 * timestamp, so that no tick is {@code stale_tick} whatever order concurrent or retried requests
 * reach its entity in (the section measures admission, not ordering).
 */
final class OverloadTicks {

  static final String SYMBOL_PREFIX = "OV";

  /** 100.0000 in units of 0.0001, the finest price the API takes. */
  private static final long PRICE_BASE = 100_0000L;

  private static final int PRICE_SCALE = 4;

  private final String runId;
  private final String[] symbols;
  private final Map<String, Integer> symbolIndex = new HashMap<>();
  private final Instant sourceTimestamp;
  private final String timestampText;

  /**
   * @param runId letters, digits, {@code .}, {@code _} or {@code -}, different in every run against
   *     the same engine (the engine remembers tickIds per symbol)
   */
  OverloadTicks(int symbolCount, String runId, Instant sourceTimestamp) {
    this.runId = runId;
    this.symbols = symbolNames(symbolCount);
    for (int i = 0; i < symbolCount; i++) symbolIndex.put(symbols[i], i);
    this.sourceTimestamp = sourceTimestamp.truncatedTo(ChronoUnit.MILLIS);
    this.timestampText = TickBatchSource.TIMESTAMP.format(this.sourceTimestamp);
  }

  /** {@code OV0000}, {@code OV0001}, ...: the symbols of a run over {@code count} symbols. */
  static String[] symbolNames(int count) {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) names[i] = TickBatchSource.symbolName(SYMBOL_PREFIX, i, count);
    return names;
  }

  String[] symbols() {
    return symbols.clone();
  }

  Instant sourceTimestamp() {
    return sourceTimestamp;
  }

  String symbol(int tick) {
    return symbols[tick % symbols.length];
  }

  BigDecimal price(int tick) {
    return BigDecimal.valueOf(PRICE_BASE + ordinal(tick), PRICE_SCALE);
  }

  String tickId(int tick) {
    return runId + "-" + tick;
  }

  /** The run's tick that a history row of {@code symbol} at {@code price} is, or -1 if none. */
  int tickOf(String symbol, BigDecimal price) {
    Integer index = symbolIndex.get(symbol);
    if (index == null) return -1;
    long ordinal;
    try {
      ordinal = price.movePointRight(PRICE_SCALE).longValueExact() - PRICE_BASE;
    } catch (ArithmeticException e) {
      return -1; // finer than the run's prices
    }
    long tick = (ordinal - 1) * symbols.length + index;
    return ordinal < 1 || tick > Integer.MAX_VALUE ? -1 : (int) tick;
  }

  /** The JSON body of an ingest request carrying these ticks, in this order. */
  String body(int[] ticks) {
    StringBuilder body = new StringBuilder(16 + ticks.length * 110).append("{\"ticks\":[");
    for (int i = 0; i < ticks.length; i++) {
      if (i > 0) body.append(',');
      body.append("{\"symbol\":\"")
          .append(symbol(ticks[i]))
          .append("\",\"price\":")
          .append(price(ticks[i]).toPlainString())
          .append(",\"sourceTimestamp\":\"")
          .append(timestampText)
          .append("\",\"tickId\":\"")
          .append(tickId(ticks[i]))
          .append("\"}");
    }
    return body.append("]}").toString();
  }

  private long ordinal(int tick) {
    return tick / symbols.length + 1L;
  }
}
