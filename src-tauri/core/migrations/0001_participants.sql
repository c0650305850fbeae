-- The participant register: one row per person in (or about to enter) the
-- introduction programme. Dates are ISO text (YYYY-MM-DD) so they sort and
-- compare as text; enumerations are stable English identifiers checked here
-- so that a bug in the application cannot store a value the UI cannot show.

CREATE TABLE participant (
    id                                  INTEGER PRIMARY KEY,
    given_name                          TEXT    NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name                         TEXT    NOT NULL CHECK (length(trim(family_name)) > 0),
    -- Fødselsnummer or D-nummer, eleven digits; NULL while unknown.
    identity_number                     TEXT    UNIQUE CHECK (identity_number IS NULL OR length(identity_number) = 11),
    birth_date                          TEXT,
    gender                              TEXT    NOT NULL DEFAULT 'unspecified'
        CHECK (gender IN ('unspecified', 'female', 'male', 'other')),
    languages                           TEXT    NOT NULL DEFAULT '',
    needs_interpreter                   INTEGER NOT NULL DEFAULT 0 CHECK (needs_interpreter IN (0, 1)),
    interpreter_language                TEXT    NOT NULL DEFAULT '',
    phone                               TEXT    NOT NULL DEFAULT '',
    email                               TEXT    NOT NULL DEFAULT '',
    address                             TEXT    NOT NULL DEFAULT '',
    residence_permit_date               TEXT,
    arrival_date                        TEXT,
    settlement_date                     TEXT,
    claim_date                          TEXT,
    final_goal                          TEXT
        CHECK (final_goal IS NULL OR final_goal IN ('work', 'upper_secondary', 'primary_school', 'higher_education', 'other')),
    hurtigspor                          INTEGER NOT NULL DEFAULT 0 CHECK (hurtigspor IN (0, 1)),
    has_or_expects_children             INTEGER NOT NULL DEFAULT 0 CHECK (has_or_expects_children IN (0, 1)),
    competence_mapped_before_settlement INTEGER NOT NULL DEFAULT 0 CHECK (competence_mapped_before_settlement IN (0, 1)),
    status                              TEXT    NOT NULL DEFAULT 'prospective'
        CHECK (status IN ('prospective', 'active', 'on_leave', 'completed', 'terminated', 'moved_away')),
    -- The law computed from the permit and arrival dates at the last save.
    -- The rule depends only on those two columns and a statutory date, so the
    -- stored value cannot go stale; it is kept to filter the list in SQL.
    computed_law                        TEXT    NOT NULL DEFAULT 'unknown'
        CHECK (computed_law IN ('integreringsloven', 'introduksjonsloven', 'unknown')),
    -- The caseworker's override and the written reason for it.
    law_override                        TEXT
        CHECK (law_override IS NULL OR law_override IN ('integreringsloven', 'introduksjonsloven')),
    law_override_reason                 TEXT    NOT NULL DEFAULT '',
    notes                               TEXT    NOT NULL DEFAULT '',
    -- Lower-cased names and number, written by the application, because
    -- SQLite's LIKE folds case for ASCII only and would miss Æ, Ø and Å.
    search_text                         TEXT    NOT NULL DEFAULT '',
    -- Family and given name as a key that sorts in Norwegian order under
    -- plain binary comparison (Æ, Ø, Å after Z), written by the
    -- application, so that the list can be read in order from an index.
    sort_key                            TEXT    NOT NULL DEFAULT '',
    archived_at                         TEXT,
    created_at                          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at                          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (law_override IS NULL OR length(trim(law_override_reason)) > 0)
);

-- The list reads the register (archived_at IS NULL) or the archive in name
-- or settlement order straight from these partial indexes.
CREATE INDEX participant_register_by_name ON participant (sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX participant_archive_by_name ON participant (sort_key, id) WHERE archived_at IS NOT NULL;
CREATE INDEX participant_register_by_settlement ON participant (settlement_date) WHERE archived_at IS NULL;
