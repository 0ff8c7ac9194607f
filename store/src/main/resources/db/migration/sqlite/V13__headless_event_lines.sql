-- Tally store, schema 13: an event revision's line kept without its head. The engine writes each
-- line as the event's time (as Instant.toString writes it), a space, its id and a space, then the
-- rest; the time and the id are already the revision's at and event_id, and they were about 40 %
-- of each line (52 of 138 characters in a 100,000-row ledger's events).
--
-- event_revision.headless: 1 when line holds only what follows the head, which a reader puts back
--   (EventTable); 0 when line is the whole line, as every revision written before schema 13 is,
--   and as is any line that does not start with its head or is nothing but its head.
--
-- Conventions as in schema 1.

ALTER TABLE event_revision
  ADD COLUMN headless INTEGER NOT NULL DEFAULT 0 CHECK (headless IN (0, 1));
