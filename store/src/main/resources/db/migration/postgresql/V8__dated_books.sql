-- Tally store, schema 8 for PostgreSQL: the books as they stood at given moments. The same table as
-- db/migration/sqlite/V8, with the conventions of V1 here.
--
-- dated_books: DERIVED data, like the checkpoints (no append-only triggers): the engine's state,
--   opaque text, after folding every stored event dated strictly before before_at (at < before_at),
--   for the books named by books. import_id is the newest import the fold saw. A commit deletes, in
--   its own transaction, every state whose before_at is after the earliest time it touches: of the
--   event revisions it writes, of the revisions those replace, and of the prices it adds. Saving a
--   state for a stored (books, before_at) replaces it.

CREATE TABLE dated_books (
  books     TEXT   COLLATE "C" NOT NULL CHECK (books <> ''),
  before_at TEXT   COLLATE "C" NOT NULL CHECK (length(before_at) = 30),
  import_id BIGINT NOT NULL CHECK (import_id >= 0),
  state     TEXT   COLLATE "C" NOT NULL CHECK (state <> ''),
  PRIMARY KEY (books, before_at)
);

-- A commit deletes by time across every books.
CREATE INDEX dated_books_by_time ON dated_books (before_at);
