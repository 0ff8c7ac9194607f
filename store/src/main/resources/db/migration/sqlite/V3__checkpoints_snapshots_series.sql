-- Tally store, schema 3: what the engine derives from the history, kept so it need not refold it
-- all, and indexes to read the history that came after a given import.
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
--
-- Conventions as in schema 1. seq is the rowid here too: a new row's is one more than the highest
-- stored, so it gives the insertion order of the rows present also after deletions (the seq of a
-- deleted newest row may be reused, but nothing refers to a seq).

-- "What did imports after N write?": revisions and prices by import, in write order.
CREATE INDEX event_revision_by_import ON event_revision (import_id, seq);
CREATE INDEX price_point_by_import ON price_point (import_id, seq);

CREATE TABLE checkpoint (
  seq       INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL CHECK (import_id >= 0),
  taken_at  TEXT    NOT NULL CHECK (length(taken_at) = 30),
  state     TEXT    NOT NULL CHECK (state <> '')
) STRICT;

CREATE TABLE portfolio_snapshot (
  seq      INTEGER PRIMARY KEY,
  taken_at TEXT    NOT NULL CHECK (length(taken_at) = 30),
  body     TEXT    NOT NULL CHECK (body <> '')
) STRICT;

CREATE INDEX portfolio_snapshot_by_time ON portfolio_snapshot (taken_at, seq);

CREATE TABLE equity_point (
  seq     INTEGER PRIMARY KEY,
  at      TEXT    NOT NULL CHECK (length(at) = 30),
  equity  TEXT    NOT NULL CHECK (equity <> ''),
  cash    TEXT    NOT NULL CHECK (cash <> ''),
  flows   TEXT    NOT NULL CHECK (flows <> ''),
  bot_pnl TEXT    NOT NULL CHECK (bot_pnl <> '')
) STRICT;

-- One point per time: appending a point at a stored time does nothing.
CREATE UNIQUE INDEX equity_point_by_time ON equity_point (at);
