package io.priceengine.persistence.journal;

import akka.actor.typed.ActorSystem;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;

/**
 * The journal's read side as the engine uses it: akka-persistence-jdbc's read journal (configured
 * in persistence.conf as {@code jdbc-read-journal}), behind Akka's query interfaces so that the
 * engine stays free of SQL.
 */
public final class JournalQueries {
  private JournalQueries() {}

  /** Reads one persistence id's events by sequence number straight from the journal table. */
  public static CurrentEventsByPersistenceIdQuery eventsByPersistenceId(ActorSystem<?> system) {
    return PersistenceQuery.get(system)
        .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
  }
}
