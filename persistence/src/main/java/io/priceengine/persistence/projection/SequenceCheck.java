package io.priceengine.persistence.projection;

import akka.actor.typed.ActorSystem;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.r2dbc.javadsl.R2dbcSession;
import akka.stream.javadsl.Sink;
import io.priceengine.engine.symbol.SymbolEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a batch against the sequence numbers already projected per symbol (symbol_universe
 * .last_seq_nr, read in the batch's transaction): events at or below are left out (a replay), and a
 * jump above reveals events the journal's tag query skipped because their insert committed late
 * (docs/projection.md) — those are read by persistence id and put back in place.
 */
final class SequenceCheck {

  private static final Logger log = LoggerFactory.getLogger(SequenceCheck.class);

  private static final String PROJECTED =
      "SELECT symbol, last_seq_nr, status FROM symbol_universe WHERE symbol = ANY($1::text[])";

  /** The events to write, and the stored status of each symbol the universe table has. */
  record Checked(List<EventEnvelope<SymbolEntity.Event>> envelopes, Map<String, String> statusOf) {}

  private record Projected(String symbol, long lastSeqNr, String status) {}

  /** Events {@code from..to} of a persistence id, missing before {@code before} in the batch. */
  private record Gap(String persistenceId, long from, long to, int before) {}

  private final ActorSystem<?> system;
  private final CurrentEventsByPersistenceIdQuery journal;

  SequenceCheck(ActorSystem<?> system, CurrentEventsByPersistenceIdQuery journal) {
    this.system = system;
    this.journal = journal;
  }

  CompletionStage<Checked> check(
      R2dbcSession session, List<EventEnvelope<SymbolEntity.Event>> envelopes) {
    Set<String> symbols = new LinkedHashSet<>();
    envelopes.forEach(envelope -> symbols.add(envelope.event().symbol()));
    return session
        .select(
            session.createStatement(PROJECTED).bind(0, symbols.toArray(String[]::new)),
            row ->
                new Projected(
                    row.get("symbol", String.class),
                    row.get("last_seq_nr", Long.class),
                    row.get("status", String.class)))
        .thenCompose(projected -> check(envelopes, projected));
  }

  private CompletionStage<Checked> check(
      List<EventEnvelope<SymbolEntity.Event>> envelopes, List<Projected> projected) {
    Map<String, Long> next = new HashMap<>();
    Map<String, String> statusOf = new HashMap<>();
    for (Projected p : projected) {
      next.put(p.symbol(), p.lastSeqNr() + 1);
      statusOf.put(p.symbol(), p.status());
    }
    List<EventEnvelope<SymbolEntity.Event>> fresh = new ArrayList<>(envelopes.size());
    List<Gap> gaps = new ArrayList<>();
    for (EventEnvelope<SymbolEntity.Event> envelope : envelopes) {
      String symbol = envelope.event().symbol();
      long expected = next.getOrDefault(symbol, 1L);
      if (envelope.sequenceNr() < expected) {
        continue; // projected before: the offset was reset or a batch is replayed
      }
      if (envelope.sequenceNr() > expected) {
        gaps.add(
            new Gap(envelope.persistenceId(), expected, envelope.sequenceNr() - 1, fresh.size()));
      }
      fresh.add(envelope);
      next.put(symbol, envelope.sequenceNr() + 1);
    }
    if (gaps.isEmpty()) {
      return CompletableFuture.completedFuture(new Checked(fresh, statusOf));
    }
    return recover(gaps).thenApply(found -> new Checked(splice(fresh, gaps, found), statusOf));
  }

  private CompletionStage<List<List<EventEnvelope<SymbolEntity.Event>>>> recover(List<Gap> gaps) {
    CompletionStage<List<List<EventEnvelope<SymbolEntity.Event>>>> all =
        CompletableFuture.completedFuture(new ArrayList<>());
    for (Gap gap : gaps) {
      all = all.thenCompose(found -> read(gap).thenApply(events -> append(found, events)));
    }
    return all;
  }

  private CompletionStage<List<EventEnvelope<SymbolEntity.Event>>> read(Gap gap) {
    log.warn(
        "The tag query skipped events {}..{} of {} (committed late); reading them by persistence"
            + " id",
        gap.from(),
        gap.to(),
        gap.persistenceId());
    return journal
        .currentEventsByPersistenceId(gap.persistenceId(), gap.from(), gap.to())
        .map(
            e ->
                EventEnvelope.create(
                    e.offset(),
                    e.persistenceId(),
                    e.sequenceNr(),
                    (SymbolEntity.Event) e.event(),
                    e.timestamp()))
        .runWith(Sink.seq(), system)
        .thenApply(
            events -> {
              if (events.size() != gap.to() - gap.from() + 1) {
                // Nothing to wait for: the journal is where events are kept; go on without them.
                log.error(
                    "Journal holds {} of events {}..{} of {}; projecting without the others",
                    events.size(),
                    gap.from(),
                    gap.to(),
                    gap.persistenceId());
              }
              return events;
            });
  }

  private static <T> List<T> append(List<T> list, T element) {
    list.add(element);
    return list;
  }

  private static List<EventEnvelope<SymbolEntity.Event>> splice(
      List<EventEnvelope<SymbolEntity.Event>> fresh,
      List<Gap> gaps,
      List<List<EventEnvelope<SymbolEntity.Event>>> found) {
    List<EventEnvelope<SymbolEntity.Event>> result = new ArrayList<>(fresh.size());
    int gap = 0;
    for (int i = 0; i < fresh.size(); i++) {
      while (gap < gaps.size() && gaps.get(gap).before() == i) {
        result.addAll(found.get(gap++));
      }
      result.add(fresh.get(i));
    }
    return result;
  }
}
