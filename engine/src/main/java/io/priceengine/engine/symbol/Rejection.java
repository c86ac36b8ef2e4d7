package io.priceengine.engine.symbol;

import io.priceengine.engine.serialization.CborSerializable;

/**
 * Why a tick or command was refused; {@code code} is one of the API's snake_case error codes. A
 * rejection is the client's fault (a 4xx), never an infrastructure failure.
 */
public record Rejection(String code, String message) implements CborSerializable {
  public static final String INVALID_SYMBOL = "invalid_symbol";
  public static final String INVALID_PRICE = "invalid_price";
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String STALE_TICK = "stale_tick";
  public static final String PROVIDER_NOT_PREFERRED = "provider_not_preferred";

  public static Rejection invalidSymbol(String symbol) {
    return new Rejection(
        INVALID_SYMBOL,
        "symbol must be 1-10 characters A-Z 0-9 . - starting with a letter: " + printable(symbol));
  }

  public static Rejection invalidPrice(String field) {
    return new Rejection(
        INVALID_PRICE,
        field + " must be a positive decimal <= 99999999999.9999 with at most 4 decimals");
  }

  public static Rejection invalidRequest(String message) {
    return new Rejection(INVALID_REQUEST, message);
  }

  /** Echoes client input safely: bounded, and without control characters (log and body safety). */
  public static String printable(String input) {
    if (input == null) {
      return "null";
    }
    String cut = input.length() > 32 ? input.substring(0, 32) + "…" : input;
    StringBuilder out = new StringBuilder(cut.length() + 2).append('"');
    cut.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return out.append('"').toString();
  }
}
