-- Tally store, schema 10: the margin part of a reconciliation (issue 12): the books' margin figures
-- and open position sizes against Kraken's TradeBalance and OpenPositions read at the same quiet
-- moment as the balances.
--
-- reconciliation.margin: NULL when the reconciliation compared no margin (no comparison at all,
--   a region without margin, a store written before schema 10); otherwise one JSON object, amounts
--   as decimal strings, written and read by the store (ReconciliationTable):
--   {"currency":"USD","absolute_tolerance":"1.00","relative_tolerance":"0.005",
--    "non_collateral":"1285.4770","figures_skipped":null,
--    "figures":[{"figure":"equity","internal":"118833.59","exchange":"118833.08"}, ...],
--    "positions":[{"pair":"ETH/USD","internal":"-1.4","exchange":"-1.4"}, ...]}
--   Kept in the reconciliation's own row so one statement still reads one committed state.

ALTER TABLE reconciliation ADD COLUMN margin TEXT CHECK (margin <> '');
