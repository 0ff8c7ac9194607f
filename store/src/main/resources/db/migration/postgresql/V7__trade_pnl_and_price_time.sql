-- Tally store, schema 7 for PostgreSQL: what each trade did to PnL, kept beside the checkpoints.
-- The same table as db/migration/sqlite/V7, with the conventions of V1 here.
--
-- trade_pnl: DERIVED data, like the checkpoints (no append-only triggers): one trade's PnL as the
--   engine's text, opaque to the store, for the books named by books (the engine's name for a
--   base currency and cost-basis method). Saving a line for a stored (books, event_id) replaces it;
--   a fold replayed from scratch first deletes every line of its books.
-- price_point_by_time: the prices after a moment, which a fold resumed at that moment reads
--   instead of every price (with, of each asset, the latest at or before it).

CREATE TABLE trade_pnl (
  books    TEXT COLLATE "C" NOT NULL CHECK (books <> ''),
  event_id TEXT COLLATE "C" NOT NULL CHECK (event_id <> ''),
  line     TEXT COLLATE "C" NOT NULL CHECK (line <> ''),
  PRIMARY KEY (books, event_id)
);

CREATE INDEX price_point_by_time ON price_point (at);
