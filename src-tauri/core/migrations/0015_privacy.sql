-- Privacy rights (GDPR art. 5 (1) e, 15, 17 (3) b): what was filed in the
-- municipality's case and archive system, how long each kind of record is
-- kept, and which participants were anonymised, with what the trail needs
-- to stay verifiable after their personal data leave it.

-- One row per completed minutes version the caseworker filed, with the
-- archive's own reference (saksnummer or journalpostnummer).
CREATE TABLE archive_filing (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meeting (id),
    minutes_version   INTEGER NOT NULL CHECK (minutes_version >= 1),
    archive_reference TEXT    NOT NULL CHECK (length(trim(archive_reference)) > 0),
    filed_on          TEXT    NOT NULL,
    UNIQUE (meeting_id, minutes_version)
);

-- The municipality's own retention period: how many whole years after the
-- programme ends a participant's personal data are kept in Introspor (the
-- archive keeps its own copies under its own rules). One row once the
-- municipality has decided; until then nothing is ever due for
-- anonymisation.
CREATE TABLE retention_setting (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    years      INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
    decided_on TEXT    NOT NULL
);

-- Each participant anonymised, with the case reference that replaced their
-- name. Kept so that a restore from an older backup applies it again.
CREATE TABLE anonymisation (
    participant_id INTEGER PRIMARY KEY REFERENCES participant (id),
    case_reference TEXT    NOT NULL UNIQUE,
    anonymised_on  TEXT    NOT NULL,
    -- The trail entry that records it.
    audit_event_id INTEGER NOT NULL
);

-- An entry of the trail whose personal data were removed by an
-- anonymisation: the hash its content has now, so the chain still
-- verifies. The anonymisation's own entry (appended to the chain as
-- usual) records a digest over every redaction it made, so neither the
-- redacted entry nor this row can change unnoticed.
CREATE TABLE audit_redaction (
    event_id               INTEGER PRIMARY KEY REFERENCES audit_event (id),
    redacted_hash          TEXT    NOT NULL,
    anonymisation_event_id INTEGER NOT NULL REFERENCES audit_event (id)
);

CREATE TRIGGER audit_redaction_no_update BEFORE UPDATE ON audit_redaction
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_redaction_no_delete BEFORE DELETE ON audit_redaction
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

-- The trail stays append-only, but for one thing: an entry with a recorded
-- redaction may have its changes and reason replaced, its place in the
-- chain (id, time, record, action, both hashes) untouched.
DROP TRIGGER audit_event_no_update;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT (
    NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.entity_type = OLD.entity_type
    AND NEW.entity_id IS OLD.entity_id AND NEW.participant_id IS OLD.participant_id
    AND NEW.action = OLD.action AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash
    AND EXISTS (SELECT 1 FROM audit_redaction AS r WHERE r.event_id = OLD.id)
)
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
