-- Bookkeeping of the price projection beside the read tables of V1 (docs/projection.md).

-- Sequence number of the last event of each symbol the projection has written. A symbol's events
-- reach the projection in sequence-number order, so a jump reveals events that the journal's tag
-- query skipped (an insert that committed late); the projection then reads them by persistence id.
-- It also lets a replayed event be recognised and left out.
ALTER TABLE symbol_universe ADD COLUMN last_seq_nr BIGINT NOT NULL DEFAULT 0;

-- Per tag slice: journal ordering and event time of the last projected event, written in the same
-- transaction as the rows and the offset. projectionLagMillis is computed from it.
CREATE TABLE price_projection_progress (
  tag VARCHAR(64) PRIMARY KEY,
  last_ordering BIGINT NOT NULL,
  last_event_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
