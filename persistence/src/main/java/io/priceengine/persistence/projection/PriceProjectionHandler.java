package io.priceengine.persistence.projection;

import akka.Done;
import akka.persistence.query.Sequence;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.r2dbc.javadsl.R2dbcHandler;
import akka.projection.r2dbc.javadsl.R2dbcSession;
import io.priceengine.engine.symbol.SessionCalendar;
import io.priceengine.engine.symbol.SymbolEntity;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Writes one group of a tag's events — history, master, daily and universe rows plus the tag's
 * progress — in the transaction in which the projection then stores the group's offset, so each
 * event reaches the tables exactly once.
 */
final class PriceProjectionHandler extends R2dbcHandler<List<EventEnvelope<SymbolEntity.Event>>> {

  private final String tag;
  private final SequenceCheck sequenceCheck;
  private final PriceTables tables = new PriceTables();
  private final SessionCalendar sessions;

  PriceProjectionHandler(String tag, SequenceCheck sequenceCheck, SessionCalendar sessions) {
    this.tag = tag;
    this.sequenceCheck = sequenceCheck;
    this.sessions = sessions;
  }

  @Override
  public CompletionStage<Done> process(
      R2dbcSession session, List<EventEnvelope<SymbolEntity.Event>> envelopes) {
    EventEnvelope<SymbolEntity.Event> last = envelopes.get(envelopes.size() - 1);
    PriceTables.Progress progress =
        new PriceTables.Progress(
            tag, ((Sequence) last.offset()).value(), Instant.ofEpochMilli(last.timestamp()));
    return sequenceCheck
        .check(session, envelopes)
        .thenCompose(
            checked ->
                tables.write(
                    session,
                    PriceBatch.of(checked.envelopes(), checked.statusOf(), sessions),
                    progress));
  }
}
