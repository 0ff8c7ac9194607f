-- Tally store, schema 10 for PostgreSQL: the margin part of a reconciliation. The same column as
-- db/migration/sqlite/V9, with the conventions of V1 here.
--
-- reconciliation.margin: NULL when the reconciliation compared no margin; otherwise one JSON
--   object written and read by the store (ReconciliationTable), amounts as decimal strings.

ALTER TABLE reconciliation ADD COLUMN margin TEXT COLLATE "C" CHECK (margin <> '');
