package io.priceengine.persistence.projection;

import akka.actor.typed.ActorSystem;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.persistence.r2dbc.ConnectionFactoryProvider;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.r2dbc.javadsl.R2dbcSession;
import io.priceengine.engine.symbol.SessionCalendar;
import io.priceengine.engine.symbol.SymbolEntity;
import io.priceengine.persistence.db.SqlReads;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Runs the projection handler the way R2dbcProjection.groupedWithin does — one group per
 * transaction — without a journal or an offset store, so tests choose the groups.
 */
final class HandlerRunner {
  private final ActorSystem<?> system;
  private final ConnectionFactory connections;
  private final PriceProjectionHandler handler;

  HandlerRunner(ActorSystem<?> system, String tag, CurrentEventsByPersistenceIdQuery journal) {
    this.system = system;
    this.connections =
        ConnectionFactoryProvider.get(system).connectionFactoryFor(SqlReads.CONNECTION_FACTORY);
    this.handler =
        new PriceProjectionHandler(
            tag,
            new SequenceCheck(system, journal),
            SessionCalendar.fromConfig(system.settings().config()));
  }

  void process(List<EventEnvelope<SymbolEntity.Event>> group) {
    Mono.usingWhen(
            Mono.from(connections.create()),
            (Connection c) ->
                Mono.from(c.beginTransaction())
                    .then(
                        Mono.fromCompletionStage(
                            () ->
                                handler.process(
                                    new R2dbcSession(c, system.executionContext(), system), group)))
                    .then(Mono.from(c.commitTransaction())),
            Connection::close)
        .block(Duration.ofSeconds(10));
  }
}
