package io.priceengine.engine.symbol;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.priceengine.engine.serialization.CborSerializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The current quote of a symbol as the API shows it (docs/api.md "Quote"). Produced by the symbol's
 * entity; {@code stale} is evaluated when the quote is read. {@code change} and {@code
 * changePercent} (4 decimals) are against {@code previousClose}, null while that is unknown.
 */
public record Quote(
    String symbol,
    BigDecimal price,
    Long volume,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal previousClose,
    BigDecimal change,
    BigDecimal changePercent,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIME_PATTERN, timezone = "UTC")
        Instant sourceTimestamp,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = TIME_PATTERN, timezone = "UTC")
        Instant lastUpdated,
    String provider,
    long historyId,
    String companyName,
    boolean stale,
    String status)
    implements CborSerializable {

  /** ISO-8601 UTC with milliseconds, as every time in the API. */
  public static final String TIME_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

  public static final String ACTIVE = "active";
  public static final String INACTIVE = "inactive";

  /** The quote a persisted tick made; {@code lastUpdated} is when its entity accepted it. */
  public static Quote of(
      Tick tick,
      Instant lastUpdated,
      long historyId,
      String companyName,
      boolean stale,
      String status) {
    return new Quote(
        tick.symbol(),
        tick.price(),
        tick.volume(),
        tick.open(),
        tick.high(),
        tick.low(),
        tick.previousClose(),
        change(tick.price(), tick.previousClose()),
        changePercent(tick.price(), tick.previousClose()),
        tick.sourceTimestamp(),
        lastUpdated,
        tick.provider(),
        historyId,
        companyName,
        stale,
        status);
  }

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final int PERCENT_SCALE = 4;

  static BigDecimal change(BigDecimal price, BigDecimal previousClose) {
    return previousClose == null ? null : Prices.canonical(price.subtract(previousClose));
  }

  /** Percent, rounded half-even to 4 decimals; null without a (non-zero) previous close. */
  static BigDecimal changePercent(BigDecimal price, BigDecimal previousClose) {
    if (previousClose == null || previousClose.signum() == 0) {
      return null;
    }
    return Prices.canonical(
        price
            .subtract(previousClose)
            .multiply(HUNDRED)
            .divide(previousClose, PERCENT_SCALE, RoundingMode.HALF_EVEN));
  }
}
