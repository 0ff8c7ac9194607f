-- Tally store, schema 2: prices a sync used, and its high-water marks. Append-only like schema 1.
--
-- price_point: one price of one asset in the base currency at one time, with where it came from
--   (a Kraken Ticker or OHLC candle), so a report after a sync needs no price flags and its numbers
--   can be explained. The same (asset, at, source) is stored once.
-- sync_mark: named values a sync resumes from (the newest ledger time seen, ...). A new value is a
--   new row; the latest row of a name is its value, so the history of marks is kept.

CREATE TABLE price_point (
  seq       INTEGER PRIMARY KEY,
  asset     TEXT    NOT NULL CHECK (asset <> ''),
  at        TEXT    NOT NULL CHECK (length(at) = 30),
  price     TEXT    NOT NULL CHECK (price <> ''),
  source    TEXT    NOT NULL CHECK (source <> ''),
  import_id INTEGER NOT NULL REFERENCES import_log (import_id)
) STRICT;

CREATE UNIQUE INDEX price_point_by_key ON price_point (asset, at, source);

CREATE TABLE sync_mark (
  seq       INTEGER PRIMARY KEY,
  name      TEXT    NOT NULL CHECK (name <> ''),
  value     TEXT    NOT NULL,
  import_id INTEGER NOT NULL REFERENCES import_log (import_id)
) STRICT;

CREATE INDEX sync_mark_by_name ON sync_mark (name, seq);

CREATE TRIGGER price_point_no_update BEFORE UPDATE ON price_point
BEGIN SELECT RAISE(ABORT, 'price_point is append-only'); END;
CREATE TRIGGER price_point_no_delete BEFORE DELETE ON price_point
BEGIN SELECT RAISE(ABORT, 'price_point is append-only'); END;
CREATE TRIGGER sync_mark_no_update BEFORE UPDATE ON sync_mark
BEGIN SELECT RAISE(ABORT, 'sync_mark is append-only'); END;
CREATE TRIGGER sync_mark_no_delete BEFORE DELETE ON sync_mark
BEGIN SELECT RAISE(ABORT, 'sync_mark is append-only'); END;
