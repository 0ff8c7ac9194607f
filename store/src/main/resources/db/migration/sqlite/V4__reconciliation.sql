-- Tally store, schema 4: the last reconciliations the engine ran, so that a restart without a
-- fresh comparison can still say what the books were last found to be against the exchange.
--
-- Derived data like the tables of schema 3: no append-only triggers, and the store deletes from
-- them. It keeps two reconciliations at most: the newest saved, and the newest saved that compared
-- the books with the exchange (the same row when the newest compared).
--
-- reconciliation: one reconciliation that ran at checked_at: its status as the engine spells it
--   (ok, drift, unchecked, no_quiet_moment, ...), the drift flag it reported (0 or 1), and, when it
--   compared the books with the exchange, the tolerance and the total difference valued in the
--   base currency, as decimal text; both NULL when nothing was compared.
-- reconciliation_asset: one asset of a comparison: the books' quantity, the exchange's, the
--   difference (exchange - books) and that difference valued in the base currency (NULL when no
--   price valued it), as decimal text. Rows of a reconciliation that compared nothing: none.
--
-- Conventions as in schema 1; seq is the rowid, as in schema 3. The newest reconciliation is never
-- deleted, so a seq is never reused while rows of reconciliation_asset name it.

CREATE TABLE reconciliation (
  seq                   INTEGER PRIMARY KEY,
  checked_at            TEXT    NOT NULL CHECK (length(checked_at) = 30),
  status                TEXT    NOT NULL CHECK (status <> ''),
  drift_flag            INTEGER NOT NULL CHECK (drift_flag IN (0, 1)),
  tolerance_base        TEXT    CHECK (tolerance_base <> ''),
  total_difference_base TEXT    CHECK (total_difference_base <> ''),
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
