-- Deadlines: what has been done in the programme, registrable events,
-- leaves, the caseworker's own tasks, rule settings, and the deadlines the
-- engine computed from all of it.

-- Dates of what has been done; each closes a legal deadline.
ALTER TABLE participant ADD COLUMN programme_start_date TEXT;
ALTER TABLE participant ADD COLUMN competence_mapping_date TEXT;
ALTER TABLE participant ADD COLUMN plan_date TEXT;
ALTER TABLE participant ADD COLUMN last_plan_review_date TEXT;
ALTER TABLE participant ADD COLUMN ended_date TEXT;
ALTER TABLE participant ADD COLUMN certificate_issued_date TEXT;
ALTER TABLE participant ADD COLUMN nav_handover_date TEXT;
ALTER TABLE participant ADD COLUMN parental_guidance_date TEXT;

-- Facts that must be registered with IMDi within two months.
CREATE TABLE registrable_event (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('participation_decision', 'programme_start', 'plan',
                       'final_goal', 'leave', 'absence', 'stop', 'competence_mapping', 'career_guidance',
                       'life_skills', 'parental_guidance', 'complaint', 'other')),
    occurred       TEXT    NOT NULL,
    registered     TEXT,
    note           TEXT    NOT NULL DEFAULT '',
    CHECK (registered IS NULL OR registered >= occurred)
);
CREATE INDEX registrable_event_by_participant ON registrable_event (participant_id, occurred);

CREATE TABLE leave (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('care', 'illness', 'other')),
    start_date     TEXT    NOT NULL,
    end_date       TEXT,
    approved       INTEGER NOT NULL DEFAULT 1 CHECK (approved IN (0, 1)),
    followup_date  TEXT,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX leave_by_participant ON leave (participant_id, start_date);

-- The caseworker's own deadlines, with or without a participant.
CREATE TABLE task (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER REFERENCES participant (id) ON DELETE SET NULL,
    title          TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    due            TEXT    NOT NULL,
    note           TEXT    NOT NULL DEFAULT '',
    done_on        TEXT,
    created_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX task_open_by_due ON task (due) WHERE done_on IS NULL;
CREATE INDEX task_by_due ON task (due);
CREATE INDEX task_by_participant ON task (participant_id, due);

-- Rule settings as key/value pairs; missing keys take the documented defaults.
CREATE TABLE rule_setting (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 120)
);

-- Deadlines as last computed. `state` is open, done or not_applicable;
-- "overdue" is derived when reading (an open deadline whose due date has
-- passed), so the table does not go stale at midnight.
CREATE TABLE deadline (
    id               INTEGER PRIMARY KEY,
    participant_id   INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL,
    due              TEXT    NOT NULL,
    last_working_day TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('open', 'done', 'not_applicable')),
    reference        TEXT    NOT NULL,
    reason           TEXT    NOT NULL,
    done_on          TEXT,
    source_id        INTEGER
);
-- The overview and the open lists read open deadlines by due date; the
-- participant's timeline reads one participant's; the list filters by kind.
CREATE INDEX deadline_open_by_due ON deadline (due) WHERE state = 'open';
CREATE INDEX deadline_by_due ON deadline (due);
CREATE INDEX deadline_by_state_due ON deadline (state, due);
CREATE INDEX deadline_by_kind_state_due ON deadline (kind, state, due, participant_id);
CREATE INDEX deadline_by_participant ON deadline (participant_id, due);

-- Small facts about the store itself, such as the day deadlines were last computed.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
