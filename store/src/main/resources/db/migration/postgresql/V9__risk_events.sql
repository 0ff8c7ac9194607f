-- Tally store, schema 9 for PostgreSQL: the risk events the engine raised. The same table as
-- db/migration/sqlite/V9, with the conventions of V1 here.
--
-- risk_event: one event raised at at, of type (the engine's name, such as MARGIN_CALL), with body
--   the engine's JSON text of the whole event. Kept, not derived: the store never deletes from it.

CREATE TABLE risk_event (
  seq  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at   TEXT   COLLATE "C" NOT NULL CHECK (length(at) = 30),
  type TEXT   COLLATE "C" NOT NULL CHECK (type <> ''),
  body TEXT   COLLATE "C" NOT NULL CHECK (body <> '')
);

-- Newest first, of any type or of one.
CREATE INDEX risk_event_by_time ON risk_event (at, seq);
CREATE INDEX risk_event_by_type ON risk_event (type, at, seq);
