-- Tally store, schema 11: raw rows kept in compressed blocks. Schema 5 stored each row's values
-- without their field names, but a row still took about 190 bytes with its two indexes, and the
-- rows were half of a store about three times the size of the CSV they came from. Now the rows of
-- one source and one import are kept together in their order, up to 512 of them, as one deflated block;
-- each row's id and group are kept apart, since they are what an import looks rows up by.
--
-- row_block: the rows themselves, in insertion order (block_id, then position in the block).
--   block_id is given by the commit, one after the highest stored: commits run one at a time (one
--   SQLite writer; PostgreSQL's commits lock import_log first), and a block written any other way
--   fails its whole commit on the primary key, leaving nothing half-written. rows is
--   the deflated (zlib, RFC 1950) text of row_count lines in UTF-8, each ended by a line feed:
--   layout_id, row_id, group_id, at (30 characters, as in schema 1) and the values, written as
--   RowText writes a layout's names and a row's values (texts escaped and separated by a TAB).
-- row_key: the id of every stored row, by source: what tells an import which rows it already has.
-- row_group: every (source, group) a block holds a row of: what finds a group's stored rows, so
--   that adding a row to a group reclassifies the group from all its rows.
--
-- This migration renames the rows of schema 10 to source_row_v10 and creates the new tables; the
-- next one (a Java migration, BlockRows, so that blocks are written by the same code as every new
-- row) moves the rows over in their order and import, and drops source_row_v10. Flyway runs all
-- pending migrations in one transaction, so a store is never left halfway.
--
-- Conventions as in schema 1.

DROP TRIGGER source_row_no_update;
DROP TRIGGER source_row_no_delete;
DROP INDEX source_row_by_id;
DROP INDEX source_row_by_group;
ALTER TABLE source_row RENAME TO source_row_v10;

CREATE TABLE row_block (
  block_id  INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES row_source (source_id),
  import_id INTEGER NOT NULL REFERENCES import_log (import_id),
  row_count INTEGER NOT NULL CHECK (row_count >= 1),
  rows      BLOB    NOT NULL
) STRICT;

CREATE TABLE row_key (
  source_id INTEGER NOT NULL REFERENCES row_source (source_id),
  row_id    TEXT    NOT NULL CHECK (row_id <> ''),
  PRIMARY KEY (source_id, row_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE row_group (
  source_id INTEGER NOT NULL REFERENCES row_source (source_id),
  group_id  TEXT    NOT NULL CHECK (group_id <> ''),
  block_id  INTEGER NOT NULL REFERENCES row_block (block_id),
  PRIMARY KEY (source_id, group_id, block_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER row_block_no_update BEFORE UPDATE ON row_block
BEGIN SELECT RAISE(ABORT, 'row_block is append-only'); END;
CREATE TRIGGER row_block_no_delete BEFORE DELETE ON row_block
BEGIN SELECT RAISE(ABORT, 'row_block is append-only'); END;
CREATE TRIGGER row_key_no_update BEFORE UPDATE ON row_key
BEGIN SELECT RAISE(ABORT, 'row_key is append-only'); END;
CREATE TRIGGER row_key_no_delete BEFORE DELETE ON row_key
BEGIN SELECT RAISE(ABORT, 'row_key is append-only'); END;
CREATE TRIGGER row_group_no_update BEFORE UPDATE ON row_group
BEGIN SELECT RAISE(ABORT, 'row_group is append-only'); END;
CREATE TRIGGER row_group_no_delete BEFORE DELETE ON row_group
BEGIN SELECT RAISE(ABORT, 'row_group is append-only'); END;
