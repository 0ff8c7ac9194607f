-- Tally store, schema 18: raw rows found by 64-bit keys of their ids and groups, as events are
-- since schema 14. row_key (one row per raw row, its id as text) and row_group (one per group and
-- block) were a quarter of a store and of an import's write: each of 100,000 rows was an insert of
-- a text key at a random place in a tree.
--
-- row_id_key: for each block, the 64-bit hash (FNV-1a of the UTF-8 bytes, IdKey) of every row id
--   it holds: what tells an import which of its rows are stored. Two ids may share a hash, and so
--   may the ids of two sources; a reader reads the blocks a hash names, of the source it asks
--   about, and keeps the ids it asked for.
-- row_group_key: the same for every group id a block holds rows of: what finds the stored rows
--   that join a group.
--
-- This migration creates the new tables; the next one (a Java migration, KeyRows, so that the keys
-- are the same function of the same ids as every new row's) fills them from the blocks, in block
-- order, and drops row_key and row_group. Flyway runs all pending migrations in one transaction, so
-- a store is never left halfway.
--
-- Conventions as in schema 1.

CREATE TABLE row_id_key (
  id_hash  INTEGER NOT NULL,
  block_id INTEGER NOT NULL REFERENCES row_block (block_id),
  PRIMARY KEY (id_hash, block_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE row_group_key (
  id_hash  INTEGER NOT NULL,
  block_id INTEGER NOT NULL REFERENCES row_block (block_id),
  PRIMARY KEY (id_hash, block_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER row_id_key_no_update BEFORE UPDATE ON row_id_key
BEGIN SELECT RAISE(ABORT, 'row_id_key is append-only'); END;
CREATE TRIGGER row_id_key_no_delete BEFORE DELETE ON row_id_key
BEGIN SELECT RAISE(ABORT, 'row_id_key is append-only'); END;
CREATE TRIGGER row_group_key_no_update BEFORE UPDATE ON row_group_key
BEGIN SELECT RAISE(ABORT, 'row_group_key is append-only'); END;
CREATE TRIGGER row_group_key_no_delete BEFORE DELETE ON row_group_key
BEGIN SELECT RAISE(ABORT, 'row_group_key is append-only'); END;
