package io.priceengine.persistence.projection;

import akka.actor.typed.ActorSystem;
import akka.projection.eventsourced.EventEnvelope;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Known ticks written through the projection handler (history ids counting from 1 per symbol), for
 * tests of what is read back.
 */
public final class ProjectedTicks {
  private final HandlerRunner handler;
  private final Events events = new Events();
  private final Map<String, Long> seqNrs = new HashMap<>();
  private final List<EventEnvelope<SymbolEntity.Event>> pending = new ArrayList<>();

  public ProjectedTicks(ActorSystem<?> system) {
    this.handler =
        new HandlerRunner(
            system,
            "prices-0",
            (persistenceId, from, to) -> {
              throw new IllegalStateException("ticks are written without gaps");
            });
  }

  public void add(String symbol, String price, Long volume, String sourceTimestamp) {
    add(symbol, price, volume, Instant.parse(sourceTimestamp));
  }

  public void add(String symbol, String price, Long volume, Instant sourceTimestamp) {
    long seqNr = seqNrs.merge(symbol, 1L, Long::sum);
    Tick tick =
        Tick.of(
            symbol,
            new BigDecimal(price),
            volume,
            null,
            null,
            null,
            null,
            sourceTimestamp,
            "push",
            null);
    pending.add(events.price(symbol, seqNr, tick));
  }

  /** Writes the ticks added so far in groups of at most 100. */
  public void write() {
    for (int from = 0; from < pending.size(); from += 100) {
      handler.process(List.copyOf(pending.subList(from, Math.min(from + 100, pending.size()))));
    }
    pending.clear();
  }
}
