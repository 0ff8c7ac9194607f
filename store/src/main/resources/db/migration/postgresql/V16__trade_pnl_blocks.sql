-- Tally store, schema 16: trades' PnL lines kept in compressed blocks (the SQLite migration of the
-- same version says why and what each column holds, and why trade_pnl_key has no foreign key).
--
-- Conventions as in schema 1.

CREATE TABLE trade_pnl_block (
  block_id   BIGINT  PRIMARY KEY,
  books      TEXT    COLLATE "C" NOT NULL CHECK (books <> ''),
  line_count INTEGER NOT NULL CHECK (line_count >= 1),
  lines      BYTEA   NOT NULL
);

-- A block is deflated already: PostgreSQL keeps it out of line when large, without compressing it
-- again.
ALTER TABLE trade_pnl_block ALTER COLUMN lines SET STORAGE EXTERNAL;

CREATE INDEX trade_pnl_block_by_books ON trade_pnl_block (books);

CREATE TABLE trade_pnl_key (
  id_hash  BIGINT NOT NULL,
  block_id BIGINT NOT NULL,
  PRIMARY KEY (id_hash, block_id)
);
