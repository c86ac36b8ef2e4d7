package io.priceengine.persistence.journal;

import akka.persistence.jdbc.config.JournalConfig;
import akka.persistence.jdbc.journal.dao.legacy.ByteArrayJournalDao;
import akka.serialization.Serialization;
import akka.stream.Materializer;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.immutable.Seq;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.runtime.BoxedUnit;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;

/**
 * akka-persistence-jdbc's legacy journal DAO (one multi-row INSERT per batch, docs/architecture.md
 * "Journal DAO") with one change: a batch is one transaction shared by the events of many symbols,
 * so when the database refuses one event, every event of the batch fails with it. Here an entity's
 * write whose batch the database refused is tried once more on its own, in a transaction of its
 * own: the symbols that only shared the batch are acknowledged, and the one whose event is refused
 * fails alone (docs/reliability.md, "Persist failures"). Failures that are no refusal (no
 * connection, a timeout, the database going away) are not retried: the database is what fails
 * there, and the entities' restart with backoff handles it. A retried write cannot be doubled: the
 * journal's primary key (persistence id, sequence number) refuses a second copy.
 */
public final class IsolatingJournalDao extends ByteArrayJournalDao {
  private static final Logger log = LoggerFactory.getLogger(IsolatingJournalDao.class);

  /**
   * Called by the journal plugin, which looks up this constructor by exactly these parameter types;
   * the Slick ones are the plugin's own objects, passed through untouched (no SQL is written here
   * with Slick, docs/architecture.md "Journal DAO").
   */
  public IsolatingJournalDao(
      JdbcBackend.DatabaseDef db,
      JdbcProfile profile,
      JournalConfig journalConfig,
      Serialization serialization,
      ExecutionContext ec,
      Materializer mat) {
    super(db, profile, journalConfig, serialization, ec, mat);
  }

  // The rows' class is Scala's legacy.package.JournalRow, which Java cannot name ("package" is a
  // keyword): the raw Seq overrides the method by its erasure.
  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Future<BoxedUnit> queueWriteJournalRows(Seq rows) {
    CompletableFuture<BoxedUnit> batched =
        FutureConverters.asJava(super.queueWriteJournalRows(rows)).toCompletableFuture();
    return FutureConverters.asScala(
        batched.exceptionallyCompose(
            failure -> {
              if (!isRefusal(failure)) {
                return CompletableFuture.failedFuture(failure);
              }
              log.debug("journal batch refused ({}); writing {} rows alone", failure, rows.size());
              return FutureConverters.asJava(writeJournalRows(rows));
            }));
  }

  /** An SQL error the database raised for the statement, not a lost or missing connection. */
  static boolean isRefusal(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CompletionException) {
        continue;
      }
      if (t instanceof SQLTransientConnectionException || t instanceof SQLTimeoutException) {
        return false;
      }
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        return state != null
            && !state.startsWith("08") // connection exception
            && !state.startsWith("53") // insufficient resources
            && !state.startsWith("57") // operator intervention: shutdown, query cancelled
            && !state.startsWith("58"); // system error
      }
    }
    return false;
  }
}
