-- Tally store, schema 5 for PostgreSQL: the same tables, columns and rules as db/migration/sqlite,
-- where the comments explain them: row field names stored once per layout (row_layout), each row
-- only its values (row_values) and its source as a number (row_source).
--
-- The rows of schema 4 move to source_row_v4 (with their key, index and sequence renamed, so that
-- the new table's get the usual names); the Java migration CompactRows of schema 6 moves them over
-- and drops it. Conventions as in schema 1.

DROP TRIGGER source_row_no_change ON source_row;
DROP TRIGGER source_row_no_truncate ON source_row;
DROP INDEX source_row_by_id;
DROP INDEX source_row_by_group;
ALTER TABLE source_row RENAME TO source_row_v4;
ALTER TABLE source_row_v4 RENAME CONSTRAINT source_row_pkey TO source_row_v4_pkey;
ALTER SEQUENCE source_row_seq_seq RENAME TO source_row_v4_seq_seq;

CREATE TABLE row_source (
  source_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source    TEXT   COLLATE "C" NOT NULL UNIQUE CHECK (source <> '')
);

CREATE TABLE row_layout (
  layout_id   BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  field_count INTEGER NOT NULL CHECK (field_count >= 0),
  names       TEXT    COLLATE "C" NOT NULL,
  UNIQUE (field_count, names)
);

CREATE TABLE source_row (
  seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_id  BIGINT NOT NULL REFERENCES row_source (source_id),
  row_id     TEXT   COLLATE "C" NOT NULL CHECK (row_id <> ''),
  group_id   TEXT   COLLATE "C" NOT NULL CHECK (group_id <> ''),
  at         TEXT   COLLATE "C" NOT NULL CHECK (length(at) = 30),
  layout_id  BIGINT NOT NULL REFERENCES row_layout (layout_id),
  row_values TEXT   COLLATE "C" NOT NULL,
  import_id  BIGINT NOT NULL REFERENCES import_log (import_id)
);

CREATE UNIQUE INDEX source_row_by_id ON source_row (source_id, row_id);
CREATE INDEX source_row_by_group ON source_row (source_id, group_id);

CREATE TRIGGER row_source_no_change BEFORE UPDATE OR DELETE ON row_source
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_source_no_truncate BEFORE TRUNCATE ON row_source
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_layout_no_change BEFORE UPDATE OR DELETE ON row_layout
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_layout_no_truncate BEFORE TRUNCATE ON row_layout
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER source_row_no_change BEFORE UPDATE OR DELETE ON source_row
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER source_row_no_truncate BEFORE TRUNCATE ON source_row
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
