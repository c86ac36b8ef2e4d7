package io.priceengine.engine.quote;

import akka.actor.typed.ActorSystem;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.persistence.typed.PersistenceId;
import akka.stream.javadsl.Sink;
import io.priceengine.engine.catalog.ProviderCatalog;
import io.priceengine.engine.symbol.Quote;
import io.priceengine.engine.symbol.SymbolEntity;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The quotes a subscriber missed, read back from the journal (never from the history table, which
 * lags behind it): a history id is the sequence number of its event, so "every price after id N" is
 * a range of one persistence id. Other events (onboarding, delisting) occupy sequence numbers too
 * and produce no quote.
 */
public final class QuoteReplay {
  private final ActorSystem<?> system;
  private final CurrentEventsByPersistenceIdQuery journal;
  private final ProviderCatalog providers;
  private final Clock clock;

  public QuoteReplay(
      ActorSystem<?> system,
      CurrentEventsByPersistenceIdQuery journal,
      ProviderCatalog providers,
      Clock clock) {
    this.system = system;
    this.journal = journal;
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
    String persistenceId = PersistenceId.of(SymbolEntity.ENTITY_KEY.name(), current.symbol()).id();
    return journal
        .currentEventsByPersistenceId(persistenceId, after + 1, upTo)
        .map(EventEnvelope::event)
        .filter(SymbolEntity.PriceUpdated.class::isInstance)
        .map(event -> quote((SymbolEntity.PriceUpdated) event, current))
        .runWith(Sink.seq(), system);
  }

  private Quote quote(SymbolEntity.PriceUpdated event, Quote current) {
    String companyName =
        event.tick().companyName() != null ? event.tick().companyName() : current.companyName();
    return Quote.of(
        event.tick(),
        event.receivedAt(),
        event.historyId(),
        companyName,
        providers.isStale(event.tick().provider(), event.receivedAt(), clock.instant()),
        current.status());
  }
}
