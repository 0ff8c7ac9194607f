-- Tally store, schema 11: raw rows kept in compressed blocks (the SQLite migration of the same
-- version says why and what each column holds). block_id is a plain key given by the commit, one
-- after the highest stored, not an identity: commits lock import_log first, so they run one at a
-- time.
--
-- Conventions as in schema 1.

DROP TRIGGER source_row_no_change ON source_row;
DROP TRIGGER source_row_no_truncate ON source_row;
DROP INDEX source_row_by_id;
DROP INDEX source_row_by_group;
ALTER TABLE source_row RENAME TO source_row_v10;
ALTER TABLE source_row_v10 RENAME CONSTRAINT source_row_pkey TO source_row_v10_pkey;
ALTER SEQUENCE source_row_seq_seq RENAME TO source_row_v10_seq_seq;

CREATE TABLE row_block (
  block_id  BIGINT  PRIMARY KEY,
  source_id BIGINT  NOT NULL REFERENCES row_source (source_id),
  import_id BIGINT  NOT NULL REFERENCES import_log (import_id),
  row_count INTEGER NOT NULL CHECK (row_count >= 1),
  rows      BYTEA   NOT NULL
);

-- A block is deflated already: PostgreSQL keeps it out of line when large, without compressing it
-- again.
ALTER TABLE row_block ALTER COLUMN rows SET STORAGE EXTERNAL;

CREATE TABLE row_key (
  source_id BIGINT NOT NULL REFERENCES row_source (source_id),
  row_id    TEXT   COLLATE "C" NOT NULL CHECK (row_id <> ''),
  PRIMARY KEY (source_id, row_id)
);

CREATE TABLE row_group (
  source_id BIGINT NOT NULL REFERENCES row_source (source_id),
  group_id  TEXT   COLLATE "C" NOT NULL CHECK (group_id <> ''),
  block_id  BIGINT NOT NULL REFERENCES row_block (block_id),
  PRIMARY KEY (source_id, group_id, block_id)
);

CREATE TRIGGER row_block_no_change BEFORE UPDATE OR DELETE ON row_block
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_block_no_truncate BEFORE TRUNCATE ON row_block
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_key_no_change BEFORE UPDATE OR DELETE ON row_key
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_key_no_truncate BEFORE TRUNCATE ON row_key
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_group_no_change BEFORE UPDATE OR DELETE ON row_group
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_group_no_truncate BEFORE TRUNCATE ON row_group
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
