-- Tally store, schema 16: trades' PnL lines kept in compressed blocks, as events are since schema
-- 14. A line took about 90 bytes in trade_pnl, a fifth of a store whose events and rows were
-- blocks already; the lines one checkpoint saves for one books are now kept together, up to 512 of
-- them, as one deflated block (TradePnlBlock), found by the keys of their event ids.
--
-- trade_pnl_block: DERIVED data, like trade_pnl before it (no append-only triggers). books names
--   the books, as trade_pnl.books did; lines is the deflated (zlib, RFC 1950) text of line_count
--   lines in UTF-8, each ended by a line feed: the trade's event id and its line, escaped and
--   separated by a TAB as RowText writes texts. block_id is given by the checkpoint, one after the
--   highest stored. Of two blocks of the same books holding a line for the same trade, the higher
--   block_id holds the one in force; a fold replayed from scratch deletes every block of its books.
-- trade_pnl_key: for each block, the key (EventKey: 64-bit FNV-1a of the UTF-8 bytes) of every
--   event id it holds a line of: what finds a trade's lines. Two ids may share a key; a reader
--   keeps the id it asked for. block_id names a trade_pnl_block without a foreign key: the two
--   tables are written and deleted together, in one transaction (TradePnlTable), and a foreign key
--   to check on each deleted block would cost a scan of every key.
--
-- This migration creates the new tables; the next one (a Java migration, BlockTradePnl) moves the
-- lines over and drops trade_pnl, in the same transaction.
--
-- Conventions as in schema 1.

CREATE TABLE trade_pnl_block (
  block_id   INTEGER PRIMARY KEY,
  books      TEXT    NOT NULL CHECK (books <> ''),
  line_count INTEGER NOT NULL CHECK (line_count >= 1),
  lines      BLOB    NOT NULL
) STRICT;

CREATE INDEX trade_pnl_block_by_books ON trade_pnl_block (books);

CREATE TABLE trade_pnl_key (
  id_hash  INTEGER NOT NULL,
  block_id INTEGER NOT NULL,
  PRIMARY KEY (id_hash, block_id)
) STRICT, WITHOUT ROWID;
