-- The legal model, version 2: the facts the statutory frames depend on,
-- chapter 6A (collective protection) as a regime of its own, extension
-- decisions, the warnings the rules give, and the yearly NIR catch-up.
--
-- The participant table is rebuilt because a CHECK list cannot be
-- altered in place (the law columns gain 'integreringsloven_6a'). The
-- runner keeps foreign keys off during the migration, so dropping the old
-- table cascades nothing, and checks every foreign key before it commits.
-- Every existing row keeps its values; the new facts start unknown, and
-- nothing is guessed.

CREATE TABLE participant_v2 (
    id                                  INTEGER PRIMARY KEY,
    given_name                          TEXT    NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name                         TEXT    NOT NULL CHECK (length(trim(family_name)) > 0),
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
    computed_law                        TEXT    NOT NULL DEFAULT 'unknown'
        CHECK (computed_law IN ('integreringsloven', 'introduksjonsloven', 'integreringsloven_6a', 'unknown')),
    law_override                        TEXT
        CHECK (law_override IS NULL OR law_override IN ('integreringsloven', 'introduksjonsloven', 'integreringsloven_6a')),
    law_override_reason                 TEXT    NOT NULL DEFAULT '',
    notes                               TEXT    NOT NULL DEFAULT '',
    search_text                         TEXT    NOT NULL DEFAULT '',
    sort_key                            TEXT    NOT NULL DEFAULT '',
    archived_at                         TEXT,
    created_at                          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at                          TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    programme_start_date                TEXT,
    competence_mapping_date             TEXT,
    plan_date                           TEXT,
    last_plan_review_date               TEXT,
    ended_date                          TEXT,
    certificate_issued_date             TEXT,
    nav_handover_date                   TEXT,
    parental_guidance_date              TEXT,
    -- What the permit was granted on; NULL while unknown.
    permit_basis                        TEXT
        CHECK (permit_basis IS NULL OR permit_basis IN ('asylum', 'resettlement', 'family_reunification', 'collective_protection', 'other')),
    education                           TEXT    NOT NULL DEFAULT 'unknown'
        CHECK (education IN ('upper_secondary_or_higher', 'below_upper_secondary', 'unknown')),
    -- The programme's length as the plan fixes it; NULL while not fixed.
    planned_length_months               INTEGER CHECK (planned_length_months IS NULL OR planned_length_months BETWEEN 1 AND 120),
    norwegian_training_start            TEXT,
    norwegian_training_completed_date   TEXT,
    career_guidance_date                TEXT,
    livsmestring_date                   TEXT,
    CHECK (law_override IS NULL OR length(trim(law_override_reason)) > 0)
);

INSERT INTO participant_v2 (
    id, given_name, family_name, identity_number, birth_date, gender, languages,
    needs_interpreter, interpreter_language, phone, email, address,
    residence_permit_date, arrival_date, settlement_date, claim_date, final_goal,
    hurtigspor, has_or_expects_children, competence_mapped_before_settlement, status,
    computed_law, law_override, law_override_reason, notes, search_text, sort_key,
    archived_at, created_at, updated_at, programme_start_date, competence_mapping_date,
    plan_date, last_plan_review_date, ended_date, certificate_issued_date,
    nav_handover_date, parental_guidance_date)
SELECT
    id, given_name, family_name, identity_number, birth_date, gender, languages,
    needs_interpreter, interpreter_language, phone, email, address,
    residence_permit_date, arrival_date, settlement_date, claim_date, final_goal,
    hurtigspor, has_or_expects_children, competence_mapped_before_settlement, status,
    computed_law, law_override, law_override_reason, notes, search_text, sort_key,
    archived_at, created_at, updated_at, programme_start_date, competence_mapping_date,
    plan_date, last_plan_review_date, ended_date, certificate_issued_date,
    nav_handover_date, parental_guidance_date
FROM participant;

DROP TABLE participant;
ALTER TABLE participant_v2 RENAME TO participant;

CREATE INDEX participant_register_by_name ON participant (sort_key, id) WHERE archived_at IS NULL;
CREATE INDEX participant_archive_by_name ON participant (sort_key, id) WHERE archived_at IS NOT NULL;
CREATE INDEX participant_register_by_settlement ON participant (settlement_date) WHERE archived_at IS NULL;

-- Decisions to extend a participant's programme; several are allowed.
CREATE TABLE programme_extension (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    decided        TEXT    NOT NULL,
    months         INTEGER NOT NULL CHECK (months BETWEEN 1 AND 24),
    reason         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX programme_extension_by_participant ON programme_extension (participant_id, decided);

-- The warnings the rules gave at the last computation, kept beside the
-- deadlines (and rewritten with them) so the overview can list them.
CREATE TABLE participant_warning (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    code           TEXT    NOT NULL
        CHECK (code IN ('plan_exceeds_statutory_frame', 'education_unknown', 'statutory_frame_unknown', 'collective_protection_ends', 'extension_decided_late')),
    message        TEXT    NOT NULL,
    reference      TEXT    NOT NULL,
    source_url     TEXT    NOT NULL
);
CREATE INDEX participant_warning_by_participant ON participant_warning (participant_id);
CREATE INDEX participant_warning_by_code ON participant_warning (code, participant_id);

-- The yearly NIR catch-up: the caseworker records that a year's data were
-- checked. One row per data year.
CREATE TABLE nir_annual_check (
    id         INTEGER PRIMARY KEY,
    data_year  INTEGER NOT NULL UNIQUE CHECK (data_year BETWEEN 2000 AND 2200),
    checked_on TEXT    NOT NULL
);

-- The warnings and the new deadline kinds appear at the next computation.
DELETE FROM store_meta WHERE key = 'deadlines_computed_on';
