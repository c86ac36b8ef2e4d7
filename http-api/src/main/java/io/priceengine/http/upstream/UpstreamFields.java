package io.priceengine.http.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import io.priceengine.engine.symbol.Prices;
import io.priceengine.engine.symbol.Symbols;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the fields of upstream JSON the way every feed needs them, throwing {@link
 * MalformedUpstreamData} for what cannot be a tick. The JSON must be parsed with decimals as {@code
 * BigDecimal} (the API's Json mapper does) so prices stay exact.
 */
public final class UpstreamFields {
  private static final int MAX_INTEGER_DIGITS = Prices.MAX.precision() - Prices.MAX.scale();

  private UpstreamFields() {}

  public static String symbol(JsonNode node) throws MalformedUpstreamData {
    if (node == null || node.isNull()) {
      throw new MalformedUpstreamData("missing symbol");
    }
    if (!node.isTextual()) {
      throw new MalformedUpstreamData("invalid symbol");
    }
    return Symbols.normalize(node.asText())
        .orElseThrow(() -> new MalformedUpstreamData("invalid symbol"));
  }

  /**
   * A positive price of at most {@link Prices#MAX}. Feeds may send more than the API's 4 decimals
   * (crypto, FX); they are rounded half-even, the precision the engine stores.
   */
  public static BigDecimal price(JsonNode node, String field) throws MalformedUpstreamData {
    if (node == null || node.isNull()) {
      throw new MalformedUpstreamData("missing " + field);
    }
    BigDecimal price = optionalPrice(node, field);
    if (price == null) {
      throw new MalformedUpstreamData("missing " + field);
    }
    return price;
  }

  /** Null when absent. */
  public static BigDecimal optionalPrice(JsonNode node, String field) throws MalformedUpstreamData {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new MalformedUpstreamData("invalid " + field);
    }
    BigDecimal value = node.decimalValue();
    int integerDigits = value.precision() - value.scale();
    if (integerDigits > MAX_INTEGER_DIGITS || integerDigits < -Prices.MAX_SCALE) {
      // e.g. 1e400 or 1e-999999999: refused before setScale works through that many digits
      throw new MalformedUpstreamData("invalid " + field);
    }
    if (value.scale() > Prices.MAX_SCALE) {
      value = value.setScale(Prices.MAX_SCALE, RoundingMode.HALF_EVEN);
    }
    if (!Prices.isValid(value)) {
      throw new MalformedUpstreamData("invalid " + field);
    }
    return value;
  }

  /** Epoch milliseconds (a number) or ISO-8601 (a string). */
  public static Instant timestamp(JsonNode node, String field) throws MalformedUpstreamData {
    if (node == null || node.isNull()) {
      throw new MalformedUpstreamData("missing " + field);
    }
    if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
      return Instant.ofEpochMilli(node.longValue());
    }
    if (node.isTextual()) {
      try {
        return Instant.parse(node.asText());
      } catch (DateTimeParseException e) {
        throw new MalformedUpstreamData("invalid " + field);
      }
    }
    throw new MalformedUpstreamData("invalid " + field);
  }

  /** Null when absent; a fractional volume (crypto) is truncated to whole units. */
  public static Long optionalVolume(JsonNode node) throws MalformedUpstreamData {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || node.decimalValue().signum() < 0 || !node.canConvertToLong()) {
      throw new MalformedUpstreamData("invalid volume");
    }
    return node.longValue();
  }
}
