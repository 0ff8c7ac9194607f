-- Tally store, schema 14: event revisions kept in compressed blocks, as raw rows are since schema
-- 11. A revision took about 280 bytes in event_revision and its three indexes, half of a store
-- twice the size of the CSV it came from; the revisions of one import are now kept together in
-- their order, up to 512 of them, as one deflated block (EventBlock), found by time, by import and
-- by id through the block's own columns and event_key.
--
-- event_block: the revisions themselves, in write order (block_id, then position in the block).
--   block_id is given by the commit, one after the highest stored, as row_block's is. lines is the
--   deflated (zlib, RFC 1950) text of `revisions` lines in UTF-8, each ended by a line feed:
--   revision, form ('w' a whole line, 'h' a line without its head, 't' a tombstone), at (30
--   characters, as in schema 1), event_id and line, escaped and separated by a TAB as RowText
--   writes texts. first_at and last_at are the earliest and latest at of its revisions: what a
--   read of a time range or a page of the newest events looks blocks up by. visible_change is how
--   many events its revisions made visible, less those they hid (a tombstone after a live
--   revision is -1, a live revision after a tombstone or none +1): their sum over all blocks is
--   how many events are visible.
-- event_key: for each block, the 64-bit hash (FNV-1a of the UTF-8 bytes, EventKey) of every event
--   id it holds a revision of: what finds an id's revisions. Two ids may share a hash; a reader
--   reads the blocks of both and keeps the id it asked for.
--
-- This migration creates the new tables; the next one (a Java migration, BlockEvents, so that
-- blocks are written by the same code as every new revision) moves the revisions over in their
-- order and import, and drops event_revision. Flyway runs all pending migrations in one
-- transaction, so a store is never left halfway.
--
-- Conventions as in schema 1.

CREATE TABLE event_block (
  block_id       INTEGER PRIMARY KEY,
  import_id      INTEGER NOT NULL REFERENCES import_log (import_id),
  first_at       TEXT    NOT NULL CHECK (length(first_at) = 30),
  last_at        TEXT    NOT NULL CHECK (length(last_at) = 30 AND last_at >= first_at),
  revisions      INTEGER NOT NULL CHECK (revisions >= 1),
  visible_change INTEGER NOT NULL,
  lines          BLOB    NOT NULL
) STRICT;

CREATE INDEX event_block_by_time ON event_block (last_at, first_at, import_id);
CREATE INDEX event_block_by_import ON event_block (import_id);

CREATE TABLE event_key (
  id_hash  INTEGER NOT NULL,
  block_id INTEGER NOT NULL REFERENCES event_block (block_id),
  PRIMARY KEY (id_hash, block_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER event_block_no_update BEFORE UPDATE ON event_block
BEGIN SELECT RAISE(ABORT, 'event_block is append-only'); END;
CREATE TRIGGER event_block_no_delete BEFORE DELETE ON event_block
BEGIN SELECT RAISE(ABORT, 'event_block is append-only'); END;
CREATE TRIGGER event_key_no_update BEFORE UPDATE ON event_key
BEGIN SELECT RAISE(ABORT, 'event_key is append-only'); END;
CREATE TRIGGER event_key_no_delete BEFORE DELETE ON event_key
BEGIN SELECT RAISE(ABORT, 'event_key is append-only'); END;
