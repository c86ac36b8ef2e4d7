package io.priceengine.persistence.journal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failed journal batches are written again write by write: the database's refusals only. */
class IsolatingJournalDaoTest {

  @Test
  void aRefusedStatementIsRetriedAlone() {
    // a trigger's RAISE EXCEPTION, a unique violation, a check constraint, a serialization failure
    for (String state : new String[] {"P0001", "23505", "23514", "40001"}) {
      assertTrue(IsolatingJournalDao.isRefusal(new SQLException("refused", state)), state);
    }
    // as the driver and the futures wrap it
    SQLException refused = new SQLException("injected journal failure", "P0001");
    assertTrue(
        IsolatingJournalDao.isRefusal(
            new CompletionException(
                new BatchUpdateException("batch", "P0001", 0, new int[0], refused))));
  }

  @Test
  void aLostOrMissingDatabaseIsNotRetried() {
    for (String state : new String[] {"08006", "08001", "53300", "57P01", "58030"}) {
      assertFalse(IsolatingJournalDao.isRefusal(new SQLException("down", state)), state);
    }
    assertFalse(IsolatingJournalDao.isRefusal(new SQLException("no state")));
    assertFalse(
        IsolatingJournalDao.isRefusal(
            new SQLTransientConnectionException("Connection is not available", "08001")));
    assertFalse(IsolatingJournalDao.isRefusal(new SQLTimeoutException("timeout", "57014")));
    assertFalse(IsolatingJournalDao.isRefusal(new IllegalStateException("circuit breaker open")));
  }
}
