-- Completed minutes are locked: a completed meeting is read-only until it
-- is reopened, and each reopening is recorded with its reason. The minutes
-- have a version, raised by each reopening, and every export records the
-- version it carried, so a reopened meeting can show which recipients hold
-- an older one.
--
-- Existing meetings and exports are version 1: nothing before this
-- migration recorded a reopening.

ALTER TABLE meeting ADD COLUMN minutes_version INTEGER NOT NULL DEFAULT 1
    CHECK (minutes_version >= 1);
ALTER TABLE sharing_log ADD COLUMN minutes_version INTEGER NOT NULL DEFAULT 1
    CHECK (minutes_version >= 1);

CREATE TABLE meeting_reopening (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    reopened_at    TEXT    NOT NULL,
    reason         TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
    -- The version that was completed before this reopening.
    version_before INTEGER NOT NULL CHECK (version_before >= 1)
);
CREATE INDEX meeting_reopening_by_meeting ON meeting_reopening (meeting_id, reopened_at);
