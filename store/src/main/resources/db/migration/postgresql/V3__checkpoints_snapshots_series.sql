-- Tally store, schema 3 for PostgreSQL: what the engine derives from the history, and indexes to
-- read the history that came after a given import. The same tables as db/migration/sqlite/V3,
-- with the conventions of V1 here.
--
-- Unlike the tables of schemas 1 and 2, the tables here hold DERIVED data: they can be rebuilt
-- from the history, so they have no append-only triggers, and the store deletes from them
-- (checkpoint retention, pruning). Deleting from them never touches the history tables.
--
-- checkpoint: the engine's state after folding every import up to and including import_id, as
--   opaque text. import_id 0 is the state before any import. The store keeps the newest two.
-- portfolio_snapshot: a portfolio snapshot taken at taken_at, as the engine's JSON text, opaque
--   to the store. Several may share a time.
-- equity_point: one sample of the equity series per time; the four values are decimal text.

-- "What did imports after N write?": revisions and prices by import, in write order.
CREATE INDEX event_revision_by_import ON event_revision (import_id, seq);
CREATE INDEX price_point_by_import ON price_point (import_id, seq);

CREATE TABLE checkpoint (
  seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id BIGINT NOT NULL CHECK (import_id >= 0),
  taken_at  TEXT   COLLATE "C" NOT NULL CHECK (length(taken_at) = 30),
  state     TEXT   COLLATE "C" NOT NULL CHECK (state <> '')
);

CREATE TABLE portfolio_snapshot (
  seq      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  taken_at TEXT   COLLATE "C" NOT NULL CHECK (length(taken_at) = 30),
  body     TEXT   COLLATE "C" NOT NULL CHECK (body <> '')
);

CREATE INDEX portfolio_snapshot_by_time ON portfolio_snapshot (taken_at, seq);

CREATE TABLE equity_point (
  seq     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at      TEXT   COLLATE "C" NOT NULL CHECK (length(at) = 30),
  equity  TEXT   COLLATE "C" NOT NULL CHECK (equity <> ''),
  cash    TEXT   COLLATE "C" NOT NULL CHECK (cash <> ''),
  flows   TEXT   COLLATE "C" NOT NULL CHECK (flows <> ''),
  bot_pnl TEXT   COLLATE "C" NOT NULL CHECK (bot_pnl <> '')
);

-- One point per time: appending a point at a stored time does nothing.
CREATE UNIQUE INDEX equity_point_by_time ON equity_point (at);
