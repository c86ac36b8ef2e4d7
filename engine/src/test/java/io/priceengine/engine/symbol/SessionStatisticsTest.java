package io.priceengine.engine.symbol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SessionStatisticsTest {
  private static final SessionCalendar NEW_YORK =
      new SessionCalendar(ZoneId.of("America/New_York"), LocalTime.of(9, 30));

  private static Tick trade(String price, String at) {
    return Tick.price("AAPL", new BigDecimal(price), Instant.parse(at), "upstream-ws");
  }

  /** Completes each trade after the one before, as the entity does. */
  private static Tick[] session(SessionCalendar sessions, Tick... trades) {
    Tick[] completed = new Tick[trades.length];
    Tick previous = null;
    for (int i = 0; i < trades.length; i++) {
      completed[i] = SessionStatistics.complete(previous, trades[i], sessions);
      previous = completed[i];
    }
    return completed;
  }

  private static void assertStats(Tick tick, String open, String high, String low, String close) {
    assertEquals(new BigDecimal(open), tick.open(), "open");
    assertEquals(new BigDecimal(high), tick.high(), "high");
    assertEquals(new BigDecimal(low), tick.low(), "low");
    if (close == null) {
      assertNull(tick.previousClose(), "previous close");
    } else {
      assertEquals(new BigDecimal(close), tick.previousClose(), "previous close");
    }
  }

  @Test
  void derivesOpenRunningExtremesAndThePreviousSessionsLastPrice() {
    Tick[] ticks =
        session(
            SessionCalendar.UTC,
            trade("10", "2026-12-01T10:00:00Z"),
            trade("12", "2026-12-01T11:00:00Z"),
            trade("9", "2026-12-01T23:59:59.999Z"),
            trade("11", "2026-12-02T00:00:00Z"),
            trade("13", "2026-12-02T01:00:00Z"));
    assertStats(ticks[0], "10", "10", "10", null);
    assertStats(ticks[1], "10", "12", "10", null);
    assertStats(ticks[2], "10", "12", "9", null);
    // midnight UTC starts a new session, whose previous close is the last price before it
    assertStats(ticks[3], "11", "11", "11", "9");
    assertStats(ticks[4], "11", "13", "11", "9");
  }

  @Test
  void aSessionStartsAtTheConfiguredLocalTimeInItsZone() {
    // 09:30 New York is 14:30 UTC in December
    assertEquals(
        LocalDate.parse("2026-11-30"), NEW_YORK.sessionOf(Instant.parse("2026-12-01T14:29:59Z")));
    assertEquals(
        LocalDate.parse("2026-12-01"), NEW_YORK.sessionOf(Instant.parse("2026-12-01T14:30:00Z")));
    assertEquals(
        Instant.parse("2026-12-01T14:30:00Z"), NEW_YORK.startOf(LocalDate.parse("2026-12-01")));
    // and at 13:30 UTC in summer time
    assertEquals(
        LocalDate.parse("2026-07-01"), NEW_YORK.sessionOf(Instant.parse("2026-07-01T13:30:00Z")));

    Tick[] ticks =
        session(
            NEW_YORK,
            trade("100", "2026-12-01T14:00:00Z"), // pre-market: still the 30 November session
            trade("101", "2026-12-01T14:30:00Z"),
            trade("99", "2026-12-01T20:00:00Z"));
    assertStats(ticks[1], "101", "101", "101", "100");
    assertStats(ticks[2], "101", "101", "99", "100");
  }

  @Test
  void aValueTheProviderSentWinsAndCarriesOn() {
    Tick sent =
        Tick.of(
            "AAPL",
            new BigDecimal("10"),
            null,
            new BigDecimal("9.5"),
            null,
            null,
            new BigDecimal("9.8"),
            Instant.parse("2026-12-01T10:00:00Z"),
            "upstream-ws",
            null);
    Tick[] ticks = session(SessionCalendar.UTC, sent, trade("10.5", "2026-12-01T10:01:00Z"));
    assertStats(ticks[0], "9.5", "10", "10", "9.8");
    assertStats(ticks[1], "9.5", "10.5", "10", "9.8");
  }

  @Test
  void aTickThatCarriesEverythingIsKeptAsItIs() {
    Tick full =
        Tick.of(
            "AAPL",
            new BigDecimal("10"),
            5L,
            new BigDecimal("1"),
            new BigDecimal("2"),
            new BigDecimal("0.5"),
            new BigDecimal("3"),
            Instant.parse("2026-12-01T10:00:00Z"),
            "push",
            null);
    assertEquals(
        full,
        SessionStatistics.complete(trade("7", "2026-12-01T09:00:00Z"), full, SessionCalendar.UTC));
  }

  @Test
  void quotesCarryChangeAgainstThePreviousClose() {
    assertEquals(
        new BigDecimal("1.75"), Quote.change(new BigDecimal("189.25"), new BigDecimal("187.5")));
    assertEquals(
        new BigDecimal("0.9333"),
        Quote.changePercent(new BigDecimal("189.25"), new BigDecimal("187.5")));
    assertEquals(
        new BigDecimal("-33.3333"), Quote.changePercent(new BigDecimal("2"), new BigDecimal("3")));
    assertNull(Quote.change(BigDecimal.ONE, null));
    assertNull(Quote.changePercent(BigDecimal.ONE, null));
  }
}
