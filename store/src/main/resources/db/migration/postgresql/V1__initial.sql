-- Tally store, schema 1 for PostgreSQL: the same tables, columns and rules as db/migration/sqlite.
--
-- Conventions (where they differ from SQLite's, the reason is given):
-- * Everything the caller gives is TEXT, never NUMERIC or jsonb: amounts come back character for
--   character, and fields keep the exact JSON text (jsonb would reorder keys and reject \u0000).
-- * Every text column is COLLATE "C": comparisons and ORDER BY go by code point, like SQLite's
--   BINARY, whatever the database's locale (en_US would sort 'a' before 'B' and ignore '-').
-- * Times are TEXT of fixed width, 'yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ' (always 9 fraction digits, 30
--   characters), so text order is time order.
-- * seq and import_id are identity columns: they grow with every insert and give the insertion
--   order. A rolled-back commit may leave a gap in them (SQLite's rowid does not).
-- * retracted stays an INTEGER 0 or 1, so the store's SQL is the same on both databases.
-- * Triggers reject UPDATE, DELETE and TRUNCATE: history is only ever appended to.

CREATE TABLE import_log (
  import_id        BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  imported_at      TEXT    COLLATE "C" NOT NULL CHECK (length(imported_at) = 30),
  description      TEXT    COLLATE "C" NOT NULL,
  rows_added       INTEGER NOT NULL CHECK (rows_added >= 0),
  rows_skipped     INTEGER NOT NULL CHECK (rows_skipped >= 0),
  events_added     INTEGER NOT NULL CHECK (events_added >= 0),
  events_revised   INTEGER NOT NULL CHECK (events_revised >= 0),
  events_retracted INTEGER NOT NULL CHECK (events_retracted >= 0),
  events_unchanged INTEGER NOT NULL CHECK (events_unchanged >= 0)
);

CREATE TABLE source_row (
  seq       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source    TEXT   COLLATE "C" NOT NULL CHECK (source <> ''),
  row_id    TEXT   COLLATE "C" NOT NULL CHECK (row_id <> ''),
  group_id  TEXT   COLLATE "C" NOT NULL CHECK (group_id <> ''),
  at        TEXT   COLLATE "C" NOT NULL CHECK (length(at) = 30),
  -- The cast checks that the text is JSON, like SQLite's json_valid; the text itself is kept.
  fields    TEXT   COLLATE "C" NOT NULL CHECK (fields::json IS NOT NULL),
  import_id BIGINT NOT NULL REFERENCES import_log (import_id)
);

CREATE UNIQUE INDEX source_row_by_id ON source_row (source, row_id);
CREATE INDEX source_row_by_group ON source_row (source, group_id);

CREATE TABLE event_revision (
  seq       BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id  TEXT    COLLATE "C" NOT NULL CHECK (event_id <> ''),
  revision  BIGINT  NOT NULL CHECK (revision >= 1),
  at        TEXT    COLLATE "C" NOT NULL CHECK (length(at) = 30),
  line      TEXT    COLLATE "C" NOT NULL,
  retracted INTEGER NOT NULL CHECK (retracted IN (0, 1)),
  import_id BIGINT  NOT NULL REFERENCES import_log (import_id),
  -- A tombstone has no line; a live revision has one.
  CHECK ((retracted = 1) = (line = ''))
);

CREATE UNIQUE INDEX event_revision_by_id ON event_revision (event_id, revision);
CREATE INDEX event_revision_by_time ON event_revision (at, event_id);

-- One function raises for every append-only table; the message names the table, as SQLite's do.
CREATE FUNCTION tally_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;

CREATE TRIGGER import_log_no_change BEFORE UPDATE OR DELETE ON import_log
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER import_log_no_truncate BEFORE TRUNCATE ON import_log
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER source_row_no_change BEFORE UPDATE OR DELETE ON source_row
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER source_row_no_truncate BEFORE TRUNCATE ON source_row
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER event_revision_no_change BEFORE UPDATE OR DELETE ON event_revision
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER event_revision_no_truncate BEFORE TRUNCATE ON event_revision
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
