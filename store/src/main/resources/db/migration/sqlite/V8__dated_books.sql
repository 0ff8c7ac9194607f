-- Tally store, schema 8: the books as they stood at given moments, so a question about a past day
-- (tally report --as-of, GET /portfolio?as_of=) folds only the events after the nearest saved
-- moment instead of every event from the first.
--
-- dated_books: DERIVED data, like the checkpoints (no append-only triggers): the engine's state,
--   opaque text, after folding every stored event dated strictly before before_at (at < before_at),
--   for the books named by books (the engine's name for a base currency and cost-basis method, as
--   in trade_pnl). import_id is the newest import the fold saw. A state is valid only while nothing
--   dated before before_at changes, so a commit deletes, in its own transaction, every state whose
--   before_at is after the earliest time it touches: of the event revisions it writes, of the
--   revisions those replace, and of the prices it adds. Saving a state for a stored (books,
--   before_at) replaces it.
--
-- Conventions as in schema 1.

CREATE TABLE dated_books (
  books     TEXT    NOT NULL CHECK (books <> ''),
  before_at TEXT    NOT NULL CHECK (length(before_at) = 30),
  import_id INTEGER NOT NULL CHECK (import_id >= 0),
  state     TEXT    NOT NULL CHECK (state <> ''),
  PRIMARY KEY (books, before_at)
) STRICT, WITHOUT ROWID;

-- A commit deletes by time across every books.
CREATE INDEX dated_books_by_time ON dated_books (before_at);
