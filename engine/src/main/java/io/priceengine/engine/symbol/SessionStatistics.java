package io.priceengine.engine.symbol;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The statistics of a symbol's trading session, derived from the prices it accepts
 * (docs/architecture.md, "Session statistics"): for every field a tick does not carry, the entity
 * fills in the session's open (its first accepted price), high and low (running extremes) and the
 * previous close (the last price of the previous session). A value the provider sent is kept as
 * sent and carries on into the session's later ticks. The filled-in tick is what the journal, the
 * quote, the history and the daily row all see, so they agree. Pure: it needs only the symbol's
 * previous accepted tick, which the entity's state and snapshots already hold.
 */
final class SessionStatistics {
  private SessionStatistics() {}

  /** {@code tick} with its missing session fields derived, following {@code previous} (or none). */
  static Tick complete(Tick previous, Tick tick, SessionCalendar sessions) {
    if (tick.open() != null
        && tick.high() != null
        && tick.low() != null
        && tick.previousClose() != null) {
      return tick;
    }
    BigDecimal price = tick.price();
    LocalDate session = sessions.sessionOf(tick.sourceTimestamp());
    boolean sameSession =
        previous != null && sessions.sessionOf(previous.sourceTimestamp()).equals(session);
    BigDecimal open;
    BigDecimal high;
    BigDecimal low;
    BigDecimal previousClose;
    if (sameSession) {
      // a tick written before sessions were derived has only its price to go on
      open = orElse(previous.open(), previous.price());
      high = orElse(previous.high(), previous.price()).max(price);
      low = orElse(previous.low(), previous.price()).min(price);
      previousClose = previous.previousClose();
    } else {
      open = price;
      high = price;
      low = price;
      previousClose = previous == null ? null : previous.price();
    }
    return new Tick(
        tick.symbol(),
        price,
        tick.volume(),
        orElse(tick.open(), open),
        orElse(tick.high(), high),
        orElse(tick.low(), low),
        orElse(tick.previousClose(), previousClose),
        tick.sourceTimestamp(),
        tick.provider(),
        tick.companyName(),
        tick.tickId());
  }

  private static BigDecimal orElse(BigDecimal value, BigDecimal otherwise) {
    return value != null ? value : otherwise;
  }
}
