package io.priceengine.persistence.history;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The candle widths of API.md. Buckets start at multiples of the width since the epoch (UTC). */
public enum CandleInterval {
  ONE_MINUTE("1m", Duration.ofMinutes(1)),
  FIVE_MINUTES("5m", Duration.ofMinutes(5)),
  FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)),
  ONE_HOUR("1h", Duration.ofHours(1)),
  ONE_DAY("1d", Duration.ofDays(1));

  private final String code;
  private final Duration width;

  CandleInterval(String code, Duration width) {
    this.code = code;
    this.width = width;
  }

  public static Optional<CandleInterval> of(String code) {
    return Arrays.stream(values()).filter(i -> i.code.equals(code)).findFirst();
  }

  public String code() {
    return code;
  }

  public Duration width() {
    return width;
  }
}
