-- The whole schema of the price engine: Akka journal and snapshots, projection offsets, and the
-- read tables the projection fills. Flyway is the one schema source (DESIGN.md).

-- akka-persistence-jdbc 5.2.1, legacy DAO (schema/postgres/postgres-create-schema-legacy.sql in
-- its jar). The legacy DAO keeps tags in a column and inserts a batch in one statement, which the
-- default DAO (event_journal + event_tag, one INSERT ... RETURNING per event) cannot: 27,400
-- against 7,000 events/s measured (DESIGN.md, measured facts).
CREATE TABLE journal (
  ordering BIGSERIAL,
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  deleted BOOLEAN DEFAULT FALSE NOT NULL,
  tags VARCHAR(255) DEFAULT NULL,
  message BYTEA NOT NULL,
  PRIMARY KEY (persistence_id, sequence_number)
);
CREATE UNIQUE INDEX journal_ordering_idx ON journal (ordering);

CREATE TABLE snapshot (
  persistence_id VARCHAR(255) NOT NULL,
  sequence_number BIGINT NOT NULL,
  created BIGINT NOT NULL,
  snapshot BYTEA NOT NULL,
  PRIMARY KEY (persistence_id, sequence_number)
);

-- akka-projection-r2dbc 1.4.0 offset store, as in the project's
-- akka-projection-r2dbc/ddl-scripts/create_tables_postgres.sql (the columns its 1.4.0 SQL uses).
CREATE TABLE akka_projection_offset_store (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  current_offset VARCHAR(255) NOT NULL,
  manifest VARCHAR(32) NOT NULL,
  mergeable BOOLEAN NOT NULL,
  last_updated BIGINT NOT NULL,
  PRIMARY KEY (projection_name, projection_key)
);

CREATE TABLE akka_projection_timestamp_offset_store (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  slice INT NOT NULL,
  persistence_id VARCHAR(255) NOT NULL,
  seq_nr BIGINT NOT NULL,
  -- the db_timestamp of the original event
  timestamp_offset TIMESTAMP WITH TIME ZONE NOT NULL,
  -- when the offset was stored; consumer lag = timestamp_consumed - timestamp_offset
  timestamp_consumed TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (slice, projection_name, timestamp_offset, persistence_id, seq_nr)
);

CREATE TABLE akka_projection_management (
  projection_name VARCHAR(255) NOT NULL,
  projection_key VARCHAR(255) NOT NULL,
  paused BOOLEAN NOT NULL,
  last_updated BIGINT NOT NULL,
  PRIMARY KEY (projection_name, projection_key)
);

-- Read side. Prices are NUMERIC(15,4): at most 99,999,999,999.9999, the API's largest price.

CREATE TABLE market_data_providers (
  id SERIAL PRIMARY KEY,
  code VARCHAR(32) NOT NULL UNIQUE,
  display_name VARCHAR(100) NOT NULL,
  -- 1 is the highest; a tick of a lower-priority provider counts only while better quotes are stale
  priority INT NOT NULL,
  stale_after_ms BIGINT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT TRUE
);

INSERT INTO market_data_providers (code, display_name, priority, stale_after_ms) VALUES
  ('push', 'HTTP push', 1, 60000),
  ('upstream-ws', 'Upstream WebSocket feed', 10, 10000),
  ('replay', 'File replay', 20, 60000),
  ('http-poll', 'HTTP polling', 30, 30000),
  ('simulated', 'Simulated random walk', 50, 5000);

-- One row per accepted tick; history_id is the event's sequence number within its symbol, so a
-- replayed event lands on the same key (DESIGN.md, decision 2).
CREATE TABLE realtime_price_history (
  symbol VARCHAR(10) NOT NULL,
  history_id BIGINT NOT NULL,
  price NUMERIC(15, 4) NOT NULL,
  volume BIGINT,
  open NUMERIC(15, 4),
  high NUMERIC(15, 4),
  low NUMERIC(15, 4),
  previous_close NUMERIC(15, 4),
  source_timestamp TIMESTAMPTZ NOT NULL,
  fetched_at TIMESTAMPTZ NOT NULL,
  provider_id INT NOT NULL REFERENCES market_data_providers (id),
  PRIMARY KEY (symbol, history_id)
);
CREATE INDEX realtime_price_history_symbol_time_idx
  ON realtime_price_history (symbol, source_timestamp DESC);

-- The master table: the latest quote of each symbol, for SQL users and dashboards. The engine
-- itself reads current quotes from the symbol entities (DESIGN.md, decision 1).
CREATE TABLE realtime_symbols (
  symbol VARCHAR(10) PRIMARY KEY,
  current_price NUMERIC(15, 4) NOT NULL,
  company_name VARCHAR(255),
  last_updated TIMESTAMPTZ NOT NULL,
  provider_id INT NOT NULL REFERENCES market_data_providers (id),
  volume BIGINT,
  market_cap NUMERIC(20, 2),
  latest_history_id BIGINT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  FOREIGN KEY (symbol, latest_history_id) REFERENCES realtime_price_history (symbol, history_id)
);
CREATE INDEX realtime_symbols_last_updated_idx ON realtime_symbols (last_updated);
CREATE INDEX realtime_symbols_provider_id_idx ON realtime_symbols (provider_id);

-- Daily bars, one row per symbol and trading day.
CREATE TABLE market_data_cache (
  symbol VARCHAR(10) NOT NULL,
  date DATE NOT NULL,
  open NUMERIC(15, 4) NOT NULL,
  high NUMERIC(15, 4) NOT NULL,
  low NUMERIC(15, 4) NOT NULL,
  close NUMERIC(15, 4) NOT NULL,
  volume BIGINT,
  data_source VARCHAR(32) NOT NULL,
  PRIMARY KEY (symbol, date)
);

-- Every symbol the engine knows, active or not, and how it came to be known.
CREATE TABLE symbol_universe (
  symbol VARCHAR(10) PRIMARY KEY,
  company_name VARCHAR(255),
  status VARCHAR(16) NOT NULL,
  added_source VARCHAR(16) NOT NULL,
  first_seen TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_price_date DATE
);
