package io.priceengine.persistence.projection;

import akka.projection.eventsourced.EventEnvelope;
import io.priceengine.engine.symbol.Listing;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SessionCalendar;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One group of events turned into the rows the projection writes, aggregated so that each statement
 * touches each key once: every price is a history row, but a symbol gets one master row (its latest
 * price), one daily bar per trading session and one universe row per batch. Events must come in
 * journal order (per symbol: sequence-number order).
 */
record PriceBatch(
    List<HistoryRow> history,
    Collection<MasterRow> master,
    Collection<DailyBar> daily,
    Collection<UniverseRow> universe,
    Set<String> providers) {

  record HistoryRow(String symbol, long historyId, Tick tick, Instant fetchedAt) {}

  record MasterRow(
      String symbol,
      BigDecimal price,
      Instant lastUpdated,
      String provider,
      Long volume,
      long historyId) {}

  /**
   * The bar of one symbol and trading session (named by its start date), as far as this batch knows
   * it. Ticks carry their session's open, high and low (the entity derives them), so the bar takes
   * the latest tick's: the same values its quote shows. Ticks written before that only have their
   * prices: then the bar is their first price and extremes, and {@code ofSession} is false (the
   * stored bar then keeps its open and widens its extremes). {@code volume} is the largest
   * cumulative volume reported (null when no tick carried one), see docs/projection.md.
   */
  record DailyBar(
      String symbol,
      LocalDate date,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      Long volume,
      String source,
      boolean ofSession) {

    static DailyBar first(String symbol, LocalDate date, Tick tick) {
      BigDecimal price = tick.price();
      return new DailyBar(
          symbol,
          date,
          orElse(tick.open(), price),
          orElse(tick.high(), price),
          orElse(tick.low(), price),
          price,
          tick.volume(),
          tick.provider(),
          carriesSession(tick));
    }

    /** True when the tick carries its session's open, high and low (derived or sent). */
    private static boolean carriesSession(Tick tick) {
      return tick.open() != null && tick.high() != null && tick.low() != null;
    }

    DailyBar with(Tick tick) {
      BigDecimal price = tick.price();
      return new DailyBar(
          symbol,
          date,
          orElse(tick.open(), open),
          orElse(tick.high(), high.max(price)),
          orElse(tick.low(), low.min(price)),
          price,
          larger(volume, tick.volume()),
          tick.provider(),
          carriesSession(tick));
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal otherwise) {
      return value != null ? value : otherwise;
    }

    private static Long larger(Long a, Long b) {
      if (a == null) {
        return b;
      }
      return b == null ? a : Long.valueOf(Math.max(a, b));
    }
  }

  /**
   * A symbol's universe row after this batch. {@code addedSource} and {@code firstSeen} only count
   * for a symbol new to the table; {@code companyName} null keeps the stored one.
   */
  record UniverseRow(
      String symbol,
      String companyName,
      String status,
      String addedSource,
      Instant firstSeen,
      LocalDate lastPriceDate,
      long lastSeqNr) {}

  /**
   * @param envelopes the events to write, in journal order
   * @param statusOf the stored status of each symbol already in the universe table
   */
  static PriceBatch of(
      List<EventEnvelope<SymbolEntity.Event>> envelopes,
      Map<String, String> statusOf,
      SessionCalendar sessions) {
    List<HistoryRow> history = new ArrayList<>();
    Map<String, MasterRow> master = new LinkedHashMap<>();
    Map<String, DailyBar> daily = new LinkedHashMap<>();
    Map<String, UniverseRow> universe = new LinkedHashMap<>();
    Set<String> providers = new TreeSet<>();
    for (EventEnvelope<SymbolEntity.Event> envelope : envelopes) {
      SymbolEntity.Event event = envelope.event();
      String symbol = event.symbol();
      UniverseRow before =
          universe.computeIfAbsent(
              symbol, s -> new UniverseRow(s, null, statusOf.get(s), null, null, null, 0));
      if (event instanceof SymbolEntity.PricesUpdated prices) {
        long historyId = prices.firstHistoryId();
        for (Tick tick : prices.ticks()) {
          price(symbol, historyId++, tick, prices.receivedAt(), sessions, history, master, daily);
          providers.add(tick.provider());
        }
        universe.put(symbol, priced(before, prices.ticks(), prices.receivedAt(), envelope));
      } else if (event instanceof SymbolEntity.PriceUpdated price) {
        Tick tick = price.tick();
        price(
            symbol, price.historyId(), tick, price.receivedAt(), sessions, history, master, daily);
        providers.add(tick.provider());
        universe.put(symbol, priced(before, List.of(tick), price.receivedAt(), envelope));
      } else if (event instanceof SymbolEntity.Onboarded onboarded) {
        universe.put(
            symbol,
            next(
                before,
                onboarded.companyName(),
                Quote.ACTIVE,
                Listing.ADDED_BY_API,
                onboarded.at(),
                before.lastPriceDate(),
                envelope.sequenceNr()));
      } else if (event instanceof SymbolEntity.Delisted delisted) {
        universe.put(
            symbol,
            next(
                before,
                null,
                Quote.INACTIVE,
                Listing.ADDED_BY_API,
                delisted.at(),
                before.lastPriceDate(),
                envelope.sequenceNr()));
      } else {
        // A new event type needs its rows decided here; skipping it would pass silently.
        throw new IllegalStateException("unknown event " + event.getClass());
      }
    }
    return new PriceBatch(
        history,
        List.copyOf(master.values()),
        List.copyOf(daily.values()),
        List.copyOf(universe.values()),
        providers);
  }

  /** Adds the rows of one accepted tick: a history row, the master row, its session's bar. */
  private static void price(
      String symbol,
      long historyId,
      Tick tick,
      Instant receivedAt,
      SessionCalendar sessions,
      List<HistoryRow> history,
      Map<String, MasterRow> master,
      Map<String, DailyBar> daily) {
    LocalDate session = sessions.sessionOf(tick.sourceTimestamp());
    history.add(new HistoryRow(symbol, historyId, tick, receivedAt));
    master.put(
        symbol,
        new MasterRow(symbol, tick.price(), receivedAt, tick.provider(), tick.volume(), historyId));
    daily.merge(
        symbol + "|" + session,
        DailyBar.first(symbol, session, tick),
        (bar, first) -> bar.with(tick));
  }

  /** The universe row after an event of accepted ticks. */
  private static UniverseRow priced(
      UniverseRow before,
      List<Tick> ticks,
      Instant receivedAt,
      EventEnvelope<SymbolEntity.Event> envelope) {
    String companyName = null;
    LocalDate lastPriceDate = before.lastPriceDate();
    for (Tick tick : ticks) {
      if (tick.companyName() != null) {
        companyName = tick.companyName();
      }
      lastPriceDate =
          later(lastPriceDate, LocalDate.ofInstant(tick.sourceTimestamp(), ZoneOffset.UTC));
    }
    return next(
        before,
        companyName,
        // A tick keeps an inactive symbol inactive (pushed ticks are accepted for it).
        before.status() == null ? Quote.ACTIVE : before.status(),
        Listing.ADDED_BY_PROVIDER,
        receivedAt,
        lastPriceDate,
        envelope.sequenceNr());
  }

  /** The first event of a symbol in the batch decides how a new symbol was added and when. */
  private static UniverseRow next(
      UniverseRow before,
      String companyName,
      String status,
      String addedSource,
      Instant at,
      LocalDate lastPriceDate,
      long seqNr) {
    return new UniverseRow(
        before.symbol(),
        companyName != null ? companyName : before.companyName(),
        status,
        before.addedSource() != null ? before.addedSource() : addedSource,
        before.firstSeen() != null ? before.firstSeen() : at,
        lastPriceDate,
        seqNr);
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a == null || b.isAfter(a) ? b : a;
  }
}
