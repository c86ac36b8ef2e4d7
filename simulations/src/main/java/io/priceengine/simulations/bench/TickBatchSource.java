package io.priceengine.simulations.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Builds the bodies of ingest requests. The ticks of one request name distinct symbols, taken round
 * robin over the benchmark's universe; each symbol's price walks randomly, and its source
 * timestamps never go backwards in the order the batches are built, so a {@code stale_tick}
 * rejection means the engine reordered concurrent requests, not that the benchmark sent old data.
 */
final class TickBatchSource {

  /** API.md's times: ISO-8601 UTC with milliseconds. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Prices are kept in units of 0.0001, the finest the API accepts. */
  private static final int SCALE = 4;

  private static final long MIN_PRICE = 1_0000L; // 1.0000
  private static final long MAX_PRICE = 999_999_0000L; // below 1e6
  private static final double STEP_DEVIATION = 0.001; // 0.1 % per tick

  private final String[] symbols;
  private final long[] prices;
  private final int ticksPerRequest;
  private final Random random;
  private final Clock clock;
  private int cursor;
  private long lastTimestampMillis;

  TickBatchSource(int symbolCount, int ticksPerRequest, long seed, Clock clock) {
    if (ticksPerRequest > symbolCount) {
      throw new IllegalArgumentException("a batch must name distinct symbols");
    }
    this.symbols = new String[symbolCount];
    this.prices = new long[symbolCount];
    this.ticksPerRequest = ticksPerRequest;
    this.random = new Random(seed);
    this.clock = clock;
    for (int i = 0; i < symbolCount; i++) {
      symbols[i] = symbolName(i, symbolCount);
      prices[i] = 10_0000L + (long) (random.nextDouble() * 490_0000L); // 10.00 .. 500.00
    }
  }

  /** {@code B0000}, {@code B0001}, ...: at least four digits, more when the universe needs them. */
  static String symbolName(int index, int symbolCount) {
    return symbolName("B", index, symbolCount);
  }

  /** {@code symbolName} with another first letter(s), for a measurement's own symbols. */
  static String symbolName(String prefix, int index, int symbolCount) {
    int digits = Math.max(4, String.valueOf(symbolCount - 1).length());
    StringBuilder name = new StringBuilder(prefix);
    String number = String.valueOf(index);
    name.append("0".repeat(digits - number.length())).append(number);
    return name.toString();
  }

  /** The JSON body of the next ingest request: {@code {"ticks":[...]}}. */
  synchronized String nextBatch() {
    String timestamp = TIMESTAMP.format(Instant.ofEpochMilli(nextTimestampMillis()));
    StringBuilder body = new StringBuilder(32 + ticksPerRequest * 120).append("{\"ticks\":[");
    for (int i = 0; i < ticksPerRequest; i++) {
      int symbol = cursor;
      cursor = (cursor + 1) % symbols.length;
      if (i > 0) body.append(',');
      body.append("{\"symbol\":\"")
          .append(symbols[symbol])
          .append("\",\"price\":")
          .append(nextPrice(symbol).toPlainString())
          .append(",\"volume\":")
          .append(1 + random.nextInt(1000))
          .append(",\"sourceTimestamp\":\"")
          .append(timestamp)
          .append("\",\"provider\":\"push\"}");
    }
    return body.append("]}").toString();
  }

  private long nextTimestampMillis() {
    // the wall clock may step back (NTP); the source timestamps of a symbol must not
    lastTimestampMillis = Math.max(lastTimestampMillis, clock.millis());
    return lastTimestampMillis;
  }

  /** One random-walk step, written with 2, 3 or 4 decimals as push providers do. */
  private BigDecimal nextPrice(int symbol) {
    long step = Math.round(prices[symbol] * STEP_DEVIATION * random.nextGaussian());
    long price = prices[symbol] + step;
    if (price < MIN_PRICE || price > MAX_PRICE) price = prices[symbol] - step; // reflect
    prices[symbol] = Math.max(MIN_PRICE, Math.min(MAX_PRICE, price));
    int decimals = 2 + random.nextInt(3);
    return BigDecimal.valueOf(prices[symbol], SCALE).setScale(decimals, RoundingMode.HALF_EVEN);
  }
}
