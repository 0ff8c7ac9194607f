-- Tally store, schema 1: one account's raw source rows and classified events, append-only.
--
-- Conventions:
-- * Everything the caller gives is TEXT, in STRICT tables, so SQLite never turns an amount into a
--   floating-point number.
-- * Times are TEXT of fixed width, 'yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ' (always 9 fraction digits, 30
--   characters), so text order is time order.
-- * seq columns are INTEGER PRIMARY KEY (the rowid): rows are never deleted, so they grow with
--   every insert and give the insertion order.
-- * Triggers reject UPDATE and DELETE: history is only ever appended to.

CREATE TABLE import_log (
  import_id        INTEGER PRIMARY KEY,
  imported_at      TEXT    NOT NULL CHECK (length(imported_at) = 30),
  description      TEXT    NOT NULL,
  rows_added       INTEGER NOT NULL CHECK (rows_added >= 0),
  rows_skipped     INTEGER NOT NULL CHECK (rows_skipped >= 0),
  events_added     INTEGER NOT NULL CHECK (events_added >= 0),
  events_revised   INTEGER NOT NULL CHECK (events_revised >= 0),
  events_retracted INTEGER NOT NULL CHECK (events_retracted >= 0),
  events_unchanged INTEGER NOT NULL CHECK (events_unchanged >= 0)
) STRICT;

CREATE TABLE source_row (
  seq       INTEGER PRIMARY KEY,
  source    TEXT    NOT NULL CHECK (source <> ''),
  row_id    TEXT    NOT NULL CHECK (row_id <> ''),
  group_id  TEXT    NOT NULL CHECK (group_id <> ''),
  at        TEXT    NOT NULL CHECK (length(at) = 30),
  fields    TEXT    NOT NULL CHECK (json_valid(fields)),
  import_id INTEGER NOT NULL REFERENCES import_log (import_id)
) STRICT;

CREATE UNIQUE INDEX source_row_by_id ON source_row (source, row_id);
CREATE INDEX source_row_by_group ON source_row (source, group_id);

CREATE TABLE event_revision (
  seq       INTEGER PRIMARY KEY,
  event_id  TEXT    NOT NULL CHECK (event_id <> ''),
  revision  INTEGER NOT NULL CHECK (revision >= 1),
  at        TEXT    NOT NULL CHECK (length(at) = 30),
  line      TEXT    NOT NULL,
  retracted INTEGER NOT NULL CHECK (retracted IN (0, 1)),
  import_id INTEGER NOT NULL REFERENCES import_log (import_id),
  -- A tombstone has no line; a live revision has one.
  CHECK ((retracted = 1) = (line = ''))
) STRICT;

CREATE UNIQUE INDEX event_revision_by_id ON event_revision (event_id, revision);
CREATE INDEX event_revision_by_time ON event_revision (at, event_id);

CREATE TRIGGER import_log_no_update BEFORE UPDATE ON import_log
BEGIN SELECT RAISE(ABORT, 'import_log is append-only'); END;
CREATE TRIGGER import_log_no_delete BEFORE DELETE ON import_log
BEGIN SELECT RAISE(ABORT, 'import_log is append-only'); END;
CREATE TRIGGER source_row_no_update BEFORE UPDATE ON source_row
BEGIN SELECT RAISE(ABORT, 'source_row is append-only'); END;
CREATE TRIGGER source_row_no_delete BEFORE DELETE ON source_row
BEGIN SELECT RAISE(ABORT, 'source_row is append-only'); END;
CREATE TRIGGER event_revision_no_update BEFORE UPDATE ON event_revision
BEGIN SELECT RAISE(ABORT, 'event_revision is append-only'); END;
CREATE TRIGGER event_revision_no_delete BEFORE DELETE ON event_revision
BEGIN SELECT RAISE(ABORT, 'event_revision is append-only'); END;
