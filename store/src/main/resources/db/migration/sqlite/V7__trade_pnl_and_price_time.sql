-- Tally store, schema 7: what each trade did to PnL, kept beside the checkpoints. Until now each
-- checkpoint carried one line per trade ever folded, so a checkpoint of a million events was tens
-- of megabytes that every start-up parsed and every checkpoint wrote again. Now a checkpoint holds
-- the books' totals, and each trade's line is written once, here, by the checkpoint after the fold
-- that applied it.
--
-- trade_pnl: DERIVED data, like the checkpoints (no append-only triggers): one trade's PnL as the
--   engine's text, opaque to the store, for the books named by books (the engine's name for a
--   base currency and cost-basis method, since the same trade realizes differently by method).
--   Saving a line for a stored (books, event_id) replaces it; a fold replayed from scratch first
--   deletes every line of its books.
--
-- price_point_by_time: the prices after a moment, which a fold resumed at that moment reads
--   instead of every price (with, of each asset, the latest at or before it).
--
-- Conventions as in schema 1.

CREATE TABLE trade_pnl (
  books    TEXT NOT NULL CHECK (books <> ''),
  event_id TEXT NOT NULL CHECK (event_id <> ''),
  line     TEXT NOT NULL CHECK (line <> ''),
  PRIMARY KEY (books, event_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX price_point_by_time ON price_point (at);
