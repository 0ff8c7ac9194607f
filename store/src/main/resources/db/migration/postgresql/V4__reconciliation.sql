-- Tally store, schema 4 for PostgreSQL: the last reconciliations the engine ran. The same tables
-- as db/migration/sqlite/V4, with the conventions of V1 here.
--
-- Derived data like the tables of schema 3: no append-only triggers, and the store deletes from
-- them. It keeps two reconciliations at most: the newest saved, and the newest saved that compared
-- the books with the exchange (the same row when the newest compared).
--
-- reconciliation: one reconciliation that ran at checked_at: its status as the engine spells it
--   (ok, drift, unchecked, no_quiet_moment, ...), the drift flag it reported (0 or 1), and, when
--   it compared the books with the exchange, the tolerance and the total difference valued in the
--   base currency, as decimal text; both NULL when nothing was compared.
-- reconciliation_asset: one asset of a comparison: the books' quantity, the exchange's, the
--   difference (exchange - books) and that difference valued in the base currency (NULL when no
--   price valued it), as decimal text. Rows of a reconciliation that compared nothing: none.

CREATE TABLE reconciliation (
  seq                   BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  checked_at            TEXT    COLLATE "C" NOT NULL CHECK (length(checked_at) = 30),
  status                TEXT    COLLATE "C" NOT NULL CHECK (status <> ''),
  drift_flag            INTEGER NOT NULL CHECK (drift_flag IN (0, 1)),
  tolerance_base        TEXT    COLLATE "C" CHECK (tolerance_base <> ''),
  total_difference_base TEXT    COLLATE "C" CHECK (total_difference_base <> ''),
  CHECK ((tolerance_base IS NULL) = (total_difference_base IS NULL))
);

CREATE TABLE reconciliation_asset (
  reconciliation_seq BIGINT NOT NULL REFERENCES reconciliation (seq),
  asset              TEXT   COLLATE "C" NOT NULL CHECK (asset <> ''),
  internal           TEXT   COLLATE "C" NOT NULL CHECK (internal <> ''),
  exchange           TEXT   COLLATE "C" NOT NULL CHECK (exchange <> ''),
  difference         TEXT   COLLATE "C" NOT NULL CHECK (difference <> ''),
  difference_base    TEXT   COLLATE "C" CHECK (difference_base <> ''),
  PRIMARY KEY (reconciliation_seq, asset)
);
