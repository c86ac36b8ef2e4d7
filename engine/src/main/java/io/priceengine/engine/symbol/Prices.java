package io.priceengine.engine.symbol;

import java.math.BigDecimal;

/** The price rules of the API: positive, at most 4 fractional digits, fits NUMERIC(15,4). */
public final class Prices {
  public static final BigDecimal MAX = new BigDecimal("99999999999.9999");
  public static final int MAX_SCALE = 4;

  private Prices() {}

  public static boolean isValid(BigDecimal price) {
    if (price == null || price.signum() <= 0 || price.compareTo(MAX) > 0) {
      return false;
    }
    return price.stripTrailingZeros().scale() <= MAX_SCALE;
  }

  /** One representation per value, so that equal prices compare and serialize equally. */
  public static BigDecimal canonical(BigDecimal price) {
    if (price == null) {
      return null;
    }
    BigDecimal stripped = price.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
