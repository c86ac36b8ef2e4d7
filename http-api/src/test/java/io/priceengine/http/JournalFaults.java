package io.priceengine.http;

import io.priceengine.persistence.db.SqlRows;

/**
 * Faults injected into a test database's journal table with triggers: every insert statement slowed
 * down, or the events of one persistence id refused. Real PostgreSQL behaviour as the journal
 * plugin sees it (a slow statement, an SQL error), nothing mocked.
 */
final class JournalFaults {
  private final String jdbcUrl;

  JournalFaults(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Each INSERT statement into the journal (one per written batch) first sleeps this long. */
  void slowInserts(double seconds) {
    SqlRows.execute(
        jdbcUrl,
        "CREATE OR REPLACE FUNCTION test_slow_journal() RETURNS trigger AS $$"
            + " BEGIN PERFORM pg_sleep("
            + seconds
            + "); RETURN NULL; END $$ LANGUAGE plpgsql");
    SqlRows.execute(
        jdbcUrl,
        "CREATE OR REPLACE TRIGGER test_slow_journal BEFORE INSERT ON journal"
            + " FOR EACH STATEMENT EXECUTE FUNCTION test_slow_journal()");
  }

  /** Inserting an event of {@code persistenceId} raises an error (and fails its whole batch). */
  void refuse(String persistenceId) {
    SqlRows.execute(
        jdbcUrl,
        "CREATE OR REPLACE FUNCTION test_refuse_journal() RETURNS trigger AS $$"
            + " BEGIN IF NEW.persistence_id = '"
            + persistenceId.replace("'", "''")
            + "' THEN RAISE EXCEPTION 'injected journal failure'; END IF; RETURN NEW; END $$"
            + " LANGUAGE plpgsql");
    SqlRows.execute(
        jdbcUrl,
        "CREATE OR REPLACE TRIGGER test_refuse_journal BEFORE INSERT ON journal"
            + " FOR EACH ROW EXECUTE FUNCTION test_refuse_journal()");
  }

  void clear() {
    SqlRows.execute(jdbcUrl, "DROP TRIGGER IF EXISTS test_slow_journal ON journal");
    SqlRows.execute(jdbcUrl, "DROP TRIGGER IF EXISTS test_refuse_journal ON journal");
  }
}
