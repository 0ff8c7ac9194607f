-- Tally store, schema 19 made in one step in a new SQLite file (NewSchema). Written by NewSchemaTest
-- from a store that Flyway migrated from V1, which the test checks on every build: do not edit.

CREATE TABLE "flyway_schema_history" (
    "installed_rank" INT NOT NULL PRIMARY KEY,
    "version" VARCHAR(50),
    "description" VARCHAR(200) NOT NULL,
    "type" VARCHAR(20) NOT NULL,
    "script" VARCHAR(1000) NOT NULL,
    "checksum" INT,
    "installed_by" VARCHAR(100) NOT NULL,
    "installed_on" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    "execution_time" INT NOT NULL,
    "success" BOOLEAN NOT NULL
);

CREATE INDEX "flyway_schema_history_s_idx" ON "flyway_schema_history" ("success");

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

CREATE TRIGGER import_log_no_update BEFORE UPDATE ON import_log
BEGIN SELECT RAISE(ABORT, 'import_log is append-only'); END;

CREATE TRIGGER import_log_no_delete BEFORE DELETE ON import_log
BEGIN SELECT RAISE(ABORT, 'import_log is append-only'); END;

CREATE TABLE price_point (
  seq       INTEGER PRIMARY KEY,
  asset     TEXT    NOT NULL CHECK (asset <> ''),
  at        TEXT    NOT NULL CHECK (length(at) = 30),
  price     TEXT    NOT NULL CHECK (price <> ''),
  source    TEXT    NOT NULL CHECK (source <> ''),
  import_id INTEGER NOT NULL REFERENCES import_log (import_id)
) STRICT;

CREATE UNIQUE INDEX price_point_by_key ON price_point (asset, at, source);

CREATE TABLE sync_mark (
  seq       INTEGER PRIMARY KEY,
  name      TEXT    NOT NULL CHECK (name <> ''),
  value     TEXT    NOT NULL,
  import_id INTEGER NOT NULL REFERENCES import_log (import_id)
) STRICT;

CREATE INDEX sync_mark_by_name ON sync_mark (name, seq);

CREATE TRIGGER price_point_no_update BEFORE UPDATE ON price_point
BEGIN SELECT RAISE(ABORT, 'price_point is append-only'); END;

CREATE TRIGGER price_point_no_delete BEFORE DELETE ON price_point
BEGIN SELECT RAISE(ABORT, 'price_point is append-only'); END;

CREATE TRIGGER sync_mark_no_update BEFORE UPDATE ON sync_mark
BEGIN SELECT RAISE(ABORT, 'sync_mark is append-only'); END;

CREATE TRIGGER sync_mark_no_delete BEFORE DELETE ON sync_mark
BEGIN SELECT RAISE(ABORT, 'sync_mark is append-only'); END;

CREATE INDEX price_point_by_import ON price_point (import_id, seq);

CREATE TABLE checkpoint (
  seq       INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL CHECK (import_id >= 0),
  taken_at  TEXT    NOT NULL CHECK (length(taken_at) = 30),
  state     TEXT    NOT NULL CHECK (state <> '')
) STRICT;

CREATE TABLE portfolio_snapshot (
  seq      INTEGER PRIMARY KEY,
  taken_at TEXT    NOT NULL CHECK (length(taken_at) = 30),
  body     TEXT    NOT NULL CHECK (body <> '')
) STRICT;

CREATE INDEX portfolio_snapshot_by_time ON portfolio_snapshot (taken_at, seq);

CREATE TABLE equity_point (
  seq     INTEGER PRIMARY KEY,
  at      TEXT    NOT NULL CHECK (length(at) = 30),
  equity  TEXT    NOT NULL CHECK (equity <> ''),
  cash    TEXT    NOT NULL CHECK (cash <> ''),
  flows   TEXT    NOT NULL CHECK (flows <> ''),
  bot_pnl TEXT    NOT NULL CHECK (bot_pnl <> '')
) STRICT;

CREATE UNIQUE INDEX equity_point_by_time ON equity_point (at);

CREATE TABLE reconciliation (
  seq                   INTEGER PRIMARY KEY,
  checked_at            TEXT    NOT NULL CHECK (length(checked_at) = 30),
  status                TEXT    NOT NULL CHECK (status <> ''),
  drift_flag            INTEGER NOT NULL CHECK (drift_flag IN (0, 1)),
  tolerance_base        TEXT    CHECK (tolerance_base <> ''),
  total_difference_base TEXT    CHECK (total_difference_base <> ''), margin TEXT CHECK (margin <> ''),
  CHECK ((tolerance_base IS NULL) = (total_difference_base IS NULL))
) STRICT;

CREATE TABLE reconciliation_asset (
  reconciliation_seq INTEGER NOT NULL REFERENCES reconciliation (seq),
  asset              TEXT    NOT NULL CHECK (asset <> ''),
  internal           TEXT    NOT NULL CHECK (internal <> ''),
  exchange           TEXT    NOT NULL CHECK (exchange <> ''),
  difference         TEXT    NOT NULL CHECK (difference <> ''),
  difference_base    TEXT    CHECK (difference_base <> ''),
  PRIMARY KEY (reconciliation_seq, asset)
) STRICT;

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

CREATE TRIGGER row_source_no_update BEFORE UPDATE ON row_source
BEGIN SELECT RAISE(ABORT, 'row_source is append-only'); END;

CREATE TRIGGER row_source_no_delete BEFORE DELETE ON row_source
BEGIN SELECT RAISE(ABORT, 'row_source is append-only'); END;

CREATE TRIGGER row_layout_no_update BEFORE UPDATE ON row_layout
BEGIN SELECT RAISE(ABORT, 'row_layout is append-only'); END;

CREATE TRIGGER row_layout_no_delete BEFORE DELETE ON row_layout
BEGIN SELECT RAISE(ABORT, 'row_layout is append-only'); END;

CREATE INDEX price_point_by_time ON price_point (at);

CREATE TABLE dated_books (
  books     TEXT    NOT NULL CHECK (books <> ''),
  before_at TEXT    NOT NULL CHECK (length(before_at) = 30),
  import_id INTEGER NOT NULL CHECK (import_id >= 0),
  state     TEXT    NOT NULL CHECK (state <> ''),
  PRIMARY KEY (books, before_at)
) STRICT, WITHOUT ROWID;

CREATE INDEX dated_books_by_time ON dated_books (before_at);

CREATE TABLE risk_event (
  seq  INTEGER PRIMARY KEY,
  at   TEXT    NOT NULL CHECK (length(at) = 30),
  type TEXT    NOT NULL CHECK (type <> ''),
  body TEXT    NOT NULL CHECK (body <> '')
) STRICT;

CREATE INDEX risk_event_by_time ON risk_event (at, seq);

CREATE INDEX risk_event_by_type ON risk_event (type, at, seq);

CREATE TABLE row_block (
  block_id  INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES row_source (source_id),
  import_id INTEGER NOT NULL REFERENCES import_log (import_id),
  row_count INTEGER NOT NULL CHECK (row_count >= 1),
  rows      BLOB    NOT NULL
) STRICT;

CREATE TRIGGER row_block_no_update BEFORE UPDATE ON row_block
BEGIN SELECT RAISE(ABORT, 'row_block is append-only'); END;

CREATE TRIGGER row_block_no_delete BEFORE DELETE ON row_block
BEGIN SELECT RAISE(ABORT, 'row_block is append-only'); END;

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

CREATE TABLE trade_pnl_block (
  block_id   INTEGER PRIMARY KEY,
  books      TEXT    NOT NULL CHECK (books <> ''),
  line_count INTEGER NOT NULL CHECK (line_count >= 1),
  lines      BLOB    NOT NULL
) STRICT;

CREATE INDEX trade_pnl_block_by_books ON trade_pnl_block (books);

CREATE TABLE trade_pnl_key (
  id_hash  INTEGER NOT NULL,
  block_id INTEGER NOT NULL,
  PRIMARY KEY (id_hash, block_id)
) STRICT, WITHOUT ROWID;

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

INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (1, '1', 'initial', 'SQL', 'V1__initial.sql', -1036355019, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (2, '2', 'prices and marks', 'SQL', 'V2__prices_and_marks.sql', -1386954807, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (3, '3', 'checkpoints snapshots series', 'SQL', 'V3__checkpoints_snapshots_series.sql', 360807569, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (4, '4', 'reconciliation', 'SQL', 'V4__reconciliation.sql', -226884178, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (5, '5', 'compact rows', 'SQL', 'V5__compact_rows.sql', -1349781193, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (6, '6', 'compact rows', 'JDBC', 'io.tally.store.CompactRows', NULL, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (7, '7', 'trade pnl and price time', 'SQL', 'V7__trade_pnl_and_price_time.sql', -1349768101, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (8, '8', 'dated books', 'SQL', 'V8__dated_books.sql', -594354075, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (9, '9', 'risk events', 'SQL', 'V9__risk_events.sql', 191726515, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (10, '10', 'reconciliation margin', 'SQL', 'V10__reconciliation_margin.sql', 832065047, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (11, '11', 'row blocks', 'SQL', 'V11__row_blocks.sql', -519258746, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (12, '12', 'row blocks', 'JDBC', 'io.tally.store.BlockRows', NULL, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (13, '13', 'headless event lines', 'SQL', 'V13__headless_event_lines.sql', 1034203327, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (14, '14', 'event blocks', 'SQL', 'V14__event_blocks.sql', 1998361241, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (15, '15', 'event blocks', 'JDBC', 'io.tally.store.BlockEvents', NULL, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (16, '16', 'trade pnl blocks', 'SQL', 'V16__trade_pnl_blocks.sql', -513309717, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (17, '17', 'trade pnl blocks', 'JDBC', 'io.tally.store.BlockTradePnl', NULL, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (18, '18', 'row key hashes', 'SQL', 'V18__row_key_hashes.sql', 2136069162, '', 0, 1);
INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "execution_time", "success") VALUES (19, '19', 'row key hashes', 'JDBC', 'io.tally.store.KeyRows', NULL, '', 0, 1);
