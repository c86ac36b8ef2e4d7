package io.priceengine.engine.provider.replay;

import io.priceengine.engine.symbol.Prices;
import io.priceengine.engine.symbol.RecentTickIds;
import io.priceengine.engine.symbol.Symbols;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One line of a replay file, {@code
 * symbol,timestamp,price[,volume,open,high,low,previousClose,tickId]}: a tick, the optional header,
 * a blank line, or a malformed line with the reason. The timestamp is ISO-8601 ({@code
 * 2024-01-02T14:30:00.250Z}, offsets allowed) or epoch milliseconds; empty optional fields are
 * allowed. A file whose ticks have ids of their own (a trade id) gives them as {@code tickId}: the
 * symbol then records each once, however often the file is replayed (docs/providers.md).
 */
public sealed interface ReplayLine {
  int MIN_FIELDS = 3;
  int MAX_FIELDS = 9;

  record Price(Tick tick) implements ReplayLine {}

  record Skip() implements ReplayLine {}

  /** {@code kind} is a short fixed phrase, for counting; {@code line} is the raw input. */
  record Malformed(String kind, String line) implements ReplayLine {}

  /** The first line may be a header, recognized by its first field {@code symbol}. */
  static ReplayLine parse(String line, boolean first) {
    if (line.isBlank()) {
      return new Skip();
    }
    String[] fields = line.split(",", -1);
    if (first && fields[0].trim().equalsIgnoreCase("symbol")) {
      return new Skip();
    }
    if (fields.length < MIN_FIELDS) {
      return new Malformed("too few fields", line);
    }
    if (fields.length > MAX_FIELDS) {
      return new Malformed("too many fields", line);
    }
    Optional<String> symbol = Symbols.normalize(fields[0].trim());
    if (symbol.isEmpty()) {
      return new Malformed("invalid symbol", line);
    }
    Instant timestamp = timestamp(fields[1].trim());
    if (timestamp == null) {
      return new Malformed("invalid timestamp", line);
    }
    BigDecimal price = decimal(fields[2]);
    if (!Prices.isValid(price)) {
      return new Malformed("invalid price", line);
    }
    Long volume = null;
    if (fields.length > 3 && !fields[3].isBlank()) {
      volume = volume(fields[3].trim());
      if (volume == null) {
        return new Malformed("invalid volume", line);
      }
    }
    BigDecimal[] optional = new BigDecimal[4];
    for (int i = 0; i < optional.length; i++) {
      int field = 4 + i;
      if (fields.length > field && !fields[field].isBlank()) {
        optional[i] = decimal(fields[field]);
        if (!Prices.isValid(optional[i])) {
          return new Malformed("invalid open, high, low or previous close", line);
        }
      }
    }
    String tickId = null;
    if (fields.length > 8 && !fields[8].isBlank()) {
      tickId = fields[8].trim();
      if (!RecentTickIds.isValid(tickId)) {
        return new Malformed("invalid tick id", line);
      }
    }
    return new Price(
        Tick.of(
                symbol.get(),
                price,
                volume,
                optional[0],
                optional[1],
                optional[2],
                optional[3],
                timestamp,
                ReplayProvider.CODE,
                null)
            .withTickId(tickId));
  }

  /**
   * The symbol of a line, without parsing the rest: what the resume step needs to know about a
   * whole file, cheaply. Empty for a header, a blank line or an invalid symbol.
   */
  static Optional<String> symbolOf(String line) {
    int comma = line.indexOf(',');
    String first = (comma < 0 ? line : line.substring(0, comma)).trim();
    return first.equalsIgnoreCase("symbol") ? Optional.empty() : Symbols.normalize(first);
  }

  private static Instant timestamp(String raw) {
    if (isDigits(raw)) {
      try {
        return Instant.ofEpochMilli(Long.parseLong(raw));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isDigits(String raw) {
    if (raw.isEmpty()) {
      return false;
    }
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal decimal(String raw) {
    try {
      return new BigDecimal(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Long volume(String raw) {
    try {
      long volume = Long.parseLong(raw);
      return volume >= 0 ? volume : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
