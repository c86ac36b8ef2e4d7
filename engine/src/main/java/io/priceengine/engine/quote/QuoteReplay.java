package io.priceengine.engine.quote;

import akka.actor.typed.ActorSystem;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.persistence.typed.PersistenceId;
import akka.stream.javadsl.Sink;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SymbolEntities;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.engine.symbol.Tick;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The quotes a subscriber missed, read back from the journal (never from the history table, which
 * lags behind it). An event holds the ticks of one write with consecutive history ids (events of
 * the one-tick format have their sequence number as id); onboarding and delisting events hold none.
 * So the quotes after id N lie in the last (current id - N) price events: the read starts that many
 * events before the entity's last sequence number and reaches further back only when listing events
 * were in between.
 */
public final class QuoteReplay {
  /** Where a symbol's journal stands; {@link SymbolEntities#journalPosition} in production. */
  @FunctionalInterface
  public interface Positions {
    CompletionStage<SymbolEntity.JournalPosition> of(String symbol);
  }

  private final ActorSystem<?> system;
  private final CurrentEventsByPersistenceIdQuery journal;
  private final Positions positions;
  private final ProviderCatalog providers;
  private final Clock clock;

  public QuoteReplay(
      ActorSystem<?> system,
      CurrentEventsByPersistenceIdQuery journal,
      Positions positions,
      ProviderCatalog providers,
      Clock clock) {
    this.system = system;
    this.journal = journal;
    this.positions = positions;
    this.providers = providers;
    this.clock = clock;
  }

  /**
   * The quotes of {@code current.symbol()} with history ids in {@code (after, upTo]}, oldest first.
   * Events keep the tick but not the listing it was shown with: a replayed quote takes the company
   * name its tick carried, else the current one, and the current status; {@code stale} is evaluated
   * now, as for every quote that is read.
   */
  public CompletionStage<List<Quote>> between(Quote current, long after, long upTo) {
    return positions
        .of(current.symbol())
        .thenCompose(
            position -> {
              long ids = Math.max(position.historyId(), upTo) - after;
              long from = Math.max(1, position.sequenceNr() - ids + 1);
              return read(current, after, upTo, from, position.sequenceNr(), ids);
            });
  }

  private CompletionStage<List<Quote>> read(
      Quote current, long after, long upTo, long from, long to, long step) {
    String persistenceId = PersistenceId.of(SymbolEntity.ENTITY_KEY.name(), current.symbol()).id();
    return journal
        .currentEventsByPersistenceId(persistenceId, from, to)
        .map(EventEnvelope::event)
        .runWith(Sink.seq(), system)
        .thenCompose(
            events -> {
              List<Quote> quotes = new ArrayList<>();
              long firstId = Long.MAX_VALUE;
              for (Object event : events) {
                firstId = Math.min(firstId, collect(event, current, after, upTo, quotes));
              }
              if (firstId > after + 1 && from > 1) {
                // listing events stood between: look further back
                long earlier = Math.max(1, from - Math.max(step, 16));
                return read(current, after, upTo, earlier, to, 2 * step);
              }
              return CompletableFuture.completedFuture(quotes);
            });
  }

  /** Adds the event's quotes within {@code (after, upTo]}; returns its first history id. */
  private long collect(Object event, Quote current, long after, long upTo, List<Quote> quotes) {
    if (event instanceof SymbolEntity.PricesUpdated prices) {
      long id = prices.firstHistoryId();
      for (Tick tick : prices.ticks()) {
        if (id > after && id <= upTo) {
          quotes.add(quote(tick, prices.receivedAt(), id, current));
        }
        id++;
      }
      return prices.firstHistoryId();
    }
    if (event instanceof SymbolEntity.PriceUpdated price) {
      if (price.historyId() > after && price.historyId() <= upTo) {
        quotes.add(quote(price.tick(), price.receivedAt(), price.historyId(), current));
      }
      return price.historyId();
    }
    return Long.MAX_VALUE;
  }

  private Quote quote(Tick tick, Instant receivedAt, long historyId, Quote current) {
    String companyName = tick.companyName() != null ? tick.companyName() : current.companyName();
    return Quote.of(
        tick,
        receivedAt,
        historyId,
        companyName,
        providers.isStale(tick.provider(), receivedAt, clock.instant()),
        current.status());
  }
}
