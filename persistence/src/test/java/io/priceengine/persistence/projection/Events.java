package io.priceengine.persistence.projection;

import akka.persistence.query.Sequence;
import akka.projection.eventsourced.EventEnvelope;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Symbol events wrapped as the journal's tag query delivers them, for handler tests. */
final class Events {
  private final AtomicLong ordering = new AtomicLong();

  EventEnvelope<SymbolEntity.Event> price(
      String symbol, long seqNr, String price, Long volume, String sourceTimestamp) {
    Instant at = Instant.parse(sourceTimestamp);
    Tick tick =
        Tick.of(symbol, new BigDecimal(price), volume, null, null, null, null, at, "push", null);
    return envelope(seqNr, new SymbolEntity.PriceUpdated(symbol, seqNr, tick, at.plusMillis(5), 0));
  }

  EventEnvelope<SymbolEntity.Event> price(String symbol, long seqNr, Tick tick) {
    return envelope(
        seqNr,
        new SymbolEntity.PriceUpdated(
            symbol, seqNr, tick, tick.sourceTimestamp().plusMillis(5), 0));
  }

  /** One write of several ticks (the group-commit format): prices at one-second steps. */
  EventEnvelope<SymbolEntity.Event> prices(
      String symbol,
      long seqNr,
      long firstHistoryId,
      String firstSourceTimestamp,
      String... prices) {
    Instant at = Instant.parse(firstSourceTimestamp);
    List<Tick> ticks = new ArrayList<>();
    for (String price : prices) {
      ticks.add(
          Tick.of(symbol, new BigDecimal(price), null, null, null, null, null, at, "push", null));
      at = at.plusSeconds(1);
    }
    return envelope(
        seqNr,
        new SymbolEntity.PricesUpdated(
            symbol, firstHistoryId, at, ticks, Collections.nCopies(ticks.size(), 0L)));
  }

  EventEnvelope<SymbolEntity.Event> envelope(long seqNr, SymbolEntity.Event event) {
    long offset = ordering.incrementAndGet();
    return EventEnvelope.create(
        Sequence.apply(offset),
        "Symbol|" + event.symbol(),
        seqNr,
        event,
        Instant.parse("2026-11-22T10:00:00Z").toEpochMilli() + offset);
  }
}
