-- Tally store, schema 5: raw rows kept compactly. Schema 1 stored each row's fields as a JSON
-- object with every field name, which made the database about 4.5 times the size of the CSV it
-- was imported from. Now a row's field names are stored once per layout, and a row keeps only its
-- values; its source is a small number.
--
-- row_source: every source a row came from, such as kraken.ledgers, by a number of its own.
-- row_layout: every list of field names a row has had, in order: field_count names, written as
--   RowText does (each name with \ as \\, TAB as \t, LF as \n, CR as \r and NUL as \0, the names
--   separated by a TAB). The count tells no names ('') from one empty name ('' too).
-- source_row: as in schema 1, but with source_id for source, and layout_id and row_values for
--   fields: the values in the layout's order, written like the names, except that a value equal to
--   the row's own row_id is written \i, one equal to its group_id \g, and one equal to its time as
--   ISO-8601 in its shortest form (2024-03-01T12:00:00Z, not the 30 characters of at) \a.
--
-- This migration renames the rows of schema 4 to source_row_v4 and creates the new tables; the
-- next one (a Java migration, CompactRows, so that the encoding is written by the same code as
-- every new row) moves the rows over, keeping their seq and import, and drops source_row_v4.
-- Flyway runs all pending migrations in one transaction, so a store is never left halfway.
--
-- Conventions as in schema 1.

DROP TRIGGER source_row_no_update;
DROP TRIGGER source_row_no_delete;
DROP INDEX source_row_by_id;
DROP INDEX source_row_by_group;
ALTER TABLE source_row RENAME TO source_row_v4;

CREATE TABLE row_source (
  source_id INTEGER PRIMARY KEY,
  source    TEXT    NOT NULL UNIQUE CHECK (source <> '')
) STRICT;

CREATE TABLE row_layout (
  layout_id   INTEGER PRIMARY KEY,
  field_count INTEGER NOT NULL CHECK (field_count >= 0),
  names       TEXT    NOT NULL,
  UNIQUE (field_count, names)
) STRICT;

CREATE TABLE source_row (
  seq        INTEGER PRIMARY KEY,
  source_id  INTEGER NOT NULL REFERENCES row_source (source_id),
  row_id     TEXT    NOT NULL CHECK (row_id <> ''),
  group_id   TEXT    NOT NULL CHECK (group_id <> ''),
  at         TEXT    NOT NULL CHECK (length(at) = 30),
  layout_id  INTEGER NOT NULL REFERENCES row_layout (layout_id),
  row_values TEXT    NOT NULL,
  import_id  INTEGER NOT NULL REFERENCES import_log (import_id)
) STRICT;

CREATE UNIQUE INDEX source_row_by_id ON source_row (source_id, row_id);
CREATE INDEX source_row_by_group ON source_row (source_id, group_id);

CREATE TRIGGER row_source_no_update BEFORE UPDATE ON row_source
BEGIN SELECT RAISE(ABORT, 'row_source is append-only'); END;
CREATE TRIGGER row_source_no_delete BEFORE DELETE ON row_source
BEGIN SELECT RAISE(ABORT, 'row_source is append-only'); END;
CREATE TRIGGER row_layout_no_update BEFORE UPDATE ON row_layout
BEGIN SELECT RAISE(ABORT, 'row_layout is append-only'); END;
CREATE TRIGGER row_layout_no_delete BEFORE DELETE ON row_layout
BEGIN SELECT RAISE(ABORT, 'row_layout is append-only'); END;
CREATE TRIGGER source_row_no_update BEFORE UPDATE ON source_row
BEGIN SELECT RAISE(ABORT, 'source_row is append-only'); END;
CREATE TRIGGER source_row_no_delete BEFORE DELETE ON source_row
BEGIN SELECT RAISE(ABORT, 'source_row is append-only'); END;
