-- The audit trail (internal control): one row per change to a participant,
-- an event, a leave, a task, a contact, an organisation, a team membership,
-- a meeting or the rule settings, and per export, written in the same
-- transaction as the change itself.
--
-- Values are masked before they are written: identity numbers show only the
-- birth-date part, free-text notes only that they changed. Each row carries
-- the previous row's hash and its own (SHA-256 over a canonical form of its
-- content and that previous hash), so an edited, inserted or removed row
-- breaks the chain; see docs/audit-trail.md.
--
-- No foreign keys: the trail outlives whatever it describes.

CREATE TABLE audit_event (
    id             INTEGER PRIMARY KEY,
    -- UTC, YYYY-MM-DDTHH:MM:SSZ, read from SQLite inside the transaction.
    at             TEXT    NOT NULL,
    entity_type    TEXT    NOT NULL,
    entity_id      INTEGER,
    participant_id INTEGER,
    action         TEXT    NOT NULL,
    -- JSON array of {"field", "from", "to"}, already masked.
    changes        TEXT    NOT NULL,
    reason         TEXT    NOT NULL DEFAULT '',
    prev_hash      TEXT    NOT NULL,
    hash           TEXT    NOT NULL
);
CREATE INDEX audit_event_by_participant ON audit_event (participant_id, id);
CREATE INDEX audit_event_by_time ON audit_event (at, id);

-- Append-only: the database refuses to change or remove a row, whatever
-- the application does.
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
