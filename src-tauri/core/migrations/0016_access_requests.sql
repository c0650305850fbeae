-- Access requests (GDPR art. 15, forvaltningsloven § 18): when a
-- participant asked to see what is held about them, and when and in which
-- file the answer was given. The answer is due one month after the request
-- was received (art. 12 (3); the figure is in the statutory rule table).

CREATE TABLE access_request (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant (id),
    received_on    TEXT    NOT NULL,
    answered_on    TEXT,
    -- The answer's file name (never the folder); empty until answered.
    answer_file    TEXT    NOT NULL DEFAULT '',
    CHECK (answered_on IS NULL OR answered_on >= received_on)
);

CREATE INDEX access_request_open ON access_request (answered_on, received_on);
CREATE INDEX access_request_by_participant ON access_request (participant_id, received_on);

-- The register's identity, which every backup of it shares: the ledger of
-- anonymisations beside the register file (store/anonymisation.rs) applies
-- only to the register it was written for. A register with a trail takes
-- its first entry's hash, so a backup taken before this migration gets
-- the same identity when it is migrated; an empty one a random value.
INSERT OR IGNORE INTO store_meta (key, value)
SELECT 'register_id',
       COALESCE((SELECT hash FROM audit_event ORDER BY id LIMIT 1), lower(hex(randomblob(16))));
