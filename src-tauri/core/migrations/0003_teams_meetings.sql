-- Contacts and teams, meetings with their minutes, the sharing log of
-- exported minutes, and text settings (the letterhead).

-- Partner organisations. Deleting one only marks it, because team
-- memberships and old minutes still name it; the team warns about members
-- whose organisation is gone.
CREATE TABLE organisation (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind       TEXT NOT NULL CHECK (kind IN ('nav_office', 'adult_education', 'health_service',
                   'refugee_service', 'career_centre', 'school', 'employer', 'interpreter_service', 'other')),
    deleted_at TEXT
);

-- People in partner services.
CREATE TABLE contact (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    title           TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL DEFAULT '',
    email           TEXT    NOT NULL DEFAULT '',
    notes           TEXT    NOT NULL DEFAULT '',
    -- Name as a key that sorts in Norwegian order, written by the application.
    sort_key        TEXT    NOT NULL DEFAULT '',
    archived_at     TEXT
);
CREATE INDEX contact_by_name ON contact (sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX contact_by_organisation ON contact (organisation_id);

-- Team memberships with their history: a membership is current while
-- left_on is NULL. Rows are never deleted when someone leaves.
CREATE TABLE team_membership (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    contact_id     INTEGER NOT NULL REFERENCES contact (id),
    role           TEXT    NOT NULL CHECK (role IN ('fixed_contact', 'nav_advisor', 'contact_teacher',
                       'health_contact', 'career_advisor', 'programme_advisor', 'interpreter', 'other')),
    joined_on      TEXT    NOT NULL,
    left_on        TEXT,
    CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX team_membership_by_participant ON team_membership (participant_id, left_on);
CREATE INDEX team_membership_by_contact ON team_membership (contact_id);
-- Exactly one fixed contact person at a time: the database refuses a second
-- current one, whatever the application does.
CREATE UNIQUE INDEX team_one_fixed_contact ON team_membership (participant_id)
    WHERE role = 'fixed_contact' AND left_on IS NULL;

CREATE TABLE meeting (
    id                   INTEGER PRIMARY KEY,
    kind                 TEXT    NOT NULL CHECK (kind IN ('triangle', 'team', 'information', 'cooperation', 'leader')),
    date                 TEXT    NOT NULL,
    start_time           TEXT,
    end_time             TEXT,
    place                TEXT    NOT NULL DEFAULT '',
    convened_by          INTEGER REFERENCES contact (id),
    interpreter_used     INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_used IN (0, 1)),
    interpreter_language TEXT    NOT NULL DEFAULT '',
    next_meeting_date    TEXT,
    next_meeting_note    TEXT    NOT NULL DEFAULT '',
    minute_taker         TEXT    NOT NULL DEFAULT '',
    revises_agreement    INTEGER NOT NULL DEFAULT 0 CHECK (revises_agreement IN (0, 1)),
    evaluates_routines   INTEGER NOT NULL DEFAULT 0 CHECK (evaluates_routines IN (0, 1)),
    completed_on         TEXT,
    created_at           TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at           TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX meeting_by_date ON meeting (date, id);

CREATE TABLE meeting_participant (
    meeting_id     INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    present        INTEGER NOT NULL DEFAULT 0 CHECK (present IN (0, 1)),
    PRIMARY KEY (meeting_id, participant_id)
);
CREATE INDEX meeting_participant_by_participant ON meeting_participant (participant_id);

CREATE TABLE meeting_attendee (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    contact_id INTEGER NOT NULL REFERENCES contact (id),
    present    INTEGER NOT NULL DEFAULT 0 CHECK (present IN (0, 1)),
    position   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, contact_id)
);

CREATE TABLE agenda_item (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    notes      TEXT    NOT NULL DEFAULT '',
    -- Health or other special-category information: withheld from
    -- recipients without a need to know.
    sensitive  INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
    origin     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id, position);

CREATE TABLE decision (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    text       TEXT    NOT NULL
);
CREATE INDEX decision_by_meeting ON decision (meeting_id, position);

-- Action items; each is followed up as one of the caseworker's tasks, so
-- it shows among the deadlines and is ticked off there.
CREATE TABLE action_item (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    what        TEXT    NOT NULL,
    responsible TEXT    NOT NULL DEFAULT '',
    due         TEXT    NOT NULL,
    task_id     INTEGER REFERENCES task (id) ON DELETE SET NULL
);
CREATE INDEX action_item_by_meeting ON action_item (meeting_id, position);
CREATE INDEX action_item_by_task ON action_item (task_id);

-- Every export of minutes: when, which meeting, for whom, on what basis,
-- and the file name (never the full path, which may name a private folder).
CREATE TABLE sharing_log (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    exported_at TEXT    NOT NULL,
    recipient   TEXT    NOT NULL CHECK (recipient IN ('archive', 'nav', 'adult_education', 'participant')),
    legal_basis TEXT CHECK (legal_basis IS NULL OR legal_basis IN ('integreringsloven_41', 'forvaltningsloven_13b2', 'consent')),
    file_name   TEXT    NOT NULL
);
CREATE INDEX sharing_log_by_meeting ON sharing_log (meeting_id, exported_at);

-- Text settings such as the municipality's and service's names.
CREATE TABLE text_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
