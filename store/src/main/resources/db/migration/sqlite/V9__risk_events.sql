-- Tally store, schema 9: the risk events the engine raised (margin alerts first; issue 13 adds
-- drawdown, limit, drift and trading-state events), so they can be listed later and so a restart
-- knows which alert is standing instead of raising it again.
--
-- risk_event: one event raised at at, of type (the engine's name, upper-case letters and
--   underscores, such as MARGIN_CALL), with body the engine's JSON text of the whole event. The
--   store neither parses nor checks the body. Kept, not derived: the engine cannot rebuild what it
--   raised, and the store never deletes from it (events are rare: a ladder raises one per
--   crossing).
--
-- Conventions as in schema 1; seq is the rowid, the insertion order that breaks ties of at.

CREATE TABLE risk_event (
  seq  INTEGER PRIMARY KEY,
  at   TEXT    NOT NULL CHECK (length(at) = 30),
  type TEXT    NOT NULL CHECK (type <> ''),
  body TEXT    NOT NULL CHECK (body <> '')
) STRICT;

-- Newest first, of any type or of one.
CREATE INDEX risk_event_by_time ON risk_event (at, seq);
CREATE INDEX risk_event_by_type ON risk_event (type, at, seq);
