-- Tally store, schema 14: event revisions kept in compressed blocks (the SQLite migration of the
-- same version says why and what each column holds). block_id is a plain key given by the commit,
-- one after the highest stored, as row_block's is.
--
-- Conventions as in schema 1.

CREATE TABLE event_block (
  block_id       BIGINT  PRIMARY KEY,
  import_id      BIGINT  NOT NULL REFERENCES import_log (import_id),
  first_at       TEXT    COLLATE "C" NOT NULL CHECK (length(first_at) = 30),
  last_at        TEXT    COLLATE "C" NOT NULL CHECK (length(last_at) = 30 AND last_at >= first_at),
  revisions      INTEGER NOT NULL CHECK (revisions >= 1),
  visible_change INTEGER NOT NULL,
  lines          BYTEA   NOT NULL
);

-- A block is deflated already: PostgreSQL keeps it out of line when large, without compressing it
-- again.
ALTER TABLE event_block ALTER COLUMN lines SET STORAGE EXTERNAL;

CREATE INDEX event_block_by_time ON event_block (last_at, first_at, import_id);
CREATE INDEX event_block_by_import ON event_block (import_id);

CREATE TABLE event_key (
  id_hash  BIGINT NOT NULL,
  block_id BIGINT NOT NULL REFERENCES event_block (block_id),
  PRIMARY KEY (id_hash, block_id)
);

CREATE TRIGGER event_block_no_change BEFORE UPDATE OR DELETE ON event_block
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER event_block_no_truncate BEFORE TRUNCATE ON event_block
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER event_key_no_change BEFORE UPDATE OR DELETE ON event_key
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER event_key_no_truncate BEFORE TRUNCATE ON event_key
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
