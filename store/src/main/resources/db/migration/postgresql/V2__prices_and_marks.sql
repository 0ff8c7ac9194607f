-- Tally store, schema 2 for PostgreSQL: prices a sync used, and its high-water marks. The same
-- tables as db/migration/sqlite/V2, with the conventions of V1 here. Append-only like schema 1.
--
-- price_point: one price of one asset in the base currency at one time, with where it came from
--   (a Kraken Ticker or OHLC candle). The same (asset, at, source) is stored once.
-- sync_mark: named values a sync resumes from (the newest ledger time seen, ...). A new value is a
--   new row; the latest row of a name is its value, so the history of marks is kept.

CREATE TABLE price_point (
  seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  asset     TEXT   COLLATE "C" NOT NULL CHECK (asset <> ''),
  at        TEXT   COLLATE "C" NOT NULL CHECK (length(at) = 30),
  price     TEXT   COLLATE "C" NOT NULL CHECK (price <> ''),
  source    TEXT   COLLATE "C" NOT NULL CHECK (source <> ''),
  import_id BIGINT NOT NULL REFERENCES import_log (import_id)
);

CREATE UNIQUE INDEX price_point_by_key ON price_point (asset, at, source);

CREATE TABLE sync_mark (
  seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name      TEXT   COLLATE "C" NOT NULL CHECK (name <> ''),
  value     TEXT   COLLATE "C" NOT NULL,
  import_id BIGINT NOT NULL REFERENCES import_log (import_id)
);

CREATE INDEX sync_mark_by_name ON sync_mark (name, seq);

CREATE TRIGGER price_point_no_change BEFORE UPDATE OR DELETE ON price_point
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER price_point_no_truncate BEFORE TRUNCATE ON price_point
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER sync_mark_no_change BEFORE UPDATE OR DELETE ON sync_mark
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER sync_mark_no_truncate BEFORE TRUNCATE ON sync_mark
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
