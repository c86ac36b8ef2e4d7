package io.priceengine.engine.symbol;

import com.typesafe.config.Config;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Trading sessions (docs/architecture.md, "Session statistics"): a session is a calendar day in
 * {@code zone} that starts at {@code start}, e.g. 00:00 UTC (the default) or 09:30 America/New_York
 * (then a tick at 08:00 New York time belongs to the previous day's session). A session is named by
 * the date it starts on.
 */
public record SessionCalendar(ZoneId zone, LocalTime start) {
  public static final SessionCalendar UTC = new SessionCalendar(ZoneOffset.UTC, LocalTime.MIDNIGHT);

  private static final long SECONDS_PER_DAY = 86_400;

  /** From {@code price-engine.session}; a bad zone or time fails the start with its reason. */
  public static SessionCalendar fromConfig(Config config) {
    Config c = config.getConfig("price-engine.session");
    String zone = c.getString("zone");
    String start = c.getString("start");
    try {
      return new SessionCalendar(ZoneId.of(zone), LocalTime.parse(start));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "price-engine.session: zone "
              + zone
              + " / start "
              + start
              + " is not a time zone (e.g. UTC, America/New_York) and a time HH:MM",
          e);
    }
  }

  /** The session {@code at} falls in, named by its start date. */
  public LocalDate sessionOf(Instant at) {
    if (isUtcDays()) {
      // the default, asked for every accepted tick: plain arithmetic instead of a zoned date-time
      return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY));
    }
    LocalDateTime local = at.atZone(zone).toLocalDateTime();
    return local.toLocalTime().isBefore(start)
        ? local.toLocalDate().minusDays(1)
        : local.toLocalDate();
  }

  private boolean isUtcDays() {
    return start.equals(LocalTime.MIDNIGHT) && zone.normalized().equals(ZoneOffset.UTC);
  }

  /** When {@code session} starts. */
  public Instant startOf(LocalDate session) {
    return session.atTime(start).atZone(zone).toInstant();
  }
}
