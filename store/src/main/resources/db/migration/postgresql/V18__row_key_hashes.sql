-- Tally store, schema 18: raw rows found by 64-bit keys of their ids and groups (the SQLite
-- migration of the same version says why and what each column holds).
--
-- Conventions as in schema 1.

CREATE TABLE row_id_key (
  id_hash  BIGINT NOT NULL,
  block_id BIGINT NOT NULL REFERENCES row_block (block_id),
  PRIMARY KEY (id_hash, block_id)
);

CREATE TABLE row_group_key (
  id_hash  BIGINT NOT NULL,
  block_id BIGINT NOT NULL REFERENCES row_block (block_id),
  PRIMARY KEY (id_hash, block_id)
);

CREATE TRIGGER row_id_key_no_change BEFORE UPDATE OR DELETE ON row_id_key
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_id_key_no_truncate BEFORE TRUNCATE ON row_id_key
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_group_key_no_change BEFORE UPDATE OR DELETE ON row_group_key
  FOR EACH ROW EXECUTE FUNCTION tally_reject_change();
CREATE TRIGGER row_group_key_no_truncate BEFORE TRUNCATE ON row_group_key
  FOR EACH STATEMENT EXECUTE FUNCTION tally_reject_change();
