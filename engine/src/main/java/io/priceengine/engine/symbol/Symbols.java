package io.priceengine.engine.symbol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The symbol grammar of the API: 1–10 of {@code A–Z 0–9 . -}, starting with a letter. */
public final class Symbols {
  public static final int MAX_LENGTH = 10;

  // Checked before upper-casing, so that no non-ASCII letter can turn into ASCII ("ß" → "SS").
  private static final Pattern RAW = Pattern.compile("[A-Za-z][A-Za-z0-9.\\-]{0,9}");

  private Symbols() {}

  /** The canonical (upper-case) symbol, or empty when the input is not a valid symbol. */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.length() > MAX_LENGTH || !RAW.matcher(raw).matches()) {
      return Optional.empty();
    }
    return Optional.of(raw.toUpperCase(Locale.ROOT));
  }

  public static boolean isCanonical(String symbol) {
    return normalize(symbol).filter(symbol::equals).isPresent();
  }
}
