-- Tally store, schema 13: an event revision's line kept without its head (the SQLite migration of
-- the same version says why and what the column holds).
--
-- Conventions as in schema 1.

ALTER TABLE event_revision
  ADD COLUMN headless INTEGER NOT NULL DEFAULT 0 CHECK (headless IN (0, 1));
