-- Search that finds people as they are typed, and the register's first day.

-- Search: the participant list's search column now holds the names and number
-- folded for case and diacritics («Ødegård» as `odegard`, «Nguyễn» composed
-- or decomposed as `nguyen`; see domain/search_key.rs), where it held them
-- only lower-cased. Every existing participant's column is recomputed by
-- the same Rust function the application writes it with, which the
-- migration runner lends to this transaction as the SQL function
-- `participant_search_text` (see store/migrations.rs), so the two cannot
-- disagree. Names already stored keep their spelling until they are next
-- saved (then in NFC); the fold treats either spelling alike, so search
-- finds them at once.
UPDATE participant
SET search_text = participant_search_text(given_name, family_name, COALESCE(identity_number, ''));

-- The register's first day, from which duties that recur by period (leader
-- meetings, the yearly revision and evaluation, the NIR catch-up) are owed:
-- a new register must not open with a duty overdue from a period before it
-- existed. A register started from now on records the day it is first
-- opened (the shell passes its local date, see Store::note_register_first_day).
-- For an existing register the day is not known, so it is taken as the day
-- of the earliest record it holds: the first participant, meeting or task
-- created, the first audit entry, the first export of minutes. That is the
-- latest day it can have started, and a register in use gets its first
-- record soon after it is started, so at most the periods before that are
-- left out. The times are UTC, so in Norway the day may be one earlier than
-- the local one, which can show one more period, never one fewer. A
-- register with no record yet gets its day when it is next opened.
INSERT INTO store_meta (key, value)
SELECT 'register_created_on', first_day
FROM (
    SELECT min(day) AS first_day
    FROM (
        SELECT substr(created_at, 1, 10) AS day FROM participant
        UNION ALL SELECT substr(created_at, 1, 10) FROM meeting
        UNION ALL SELECT substr(created_at, 1, 10) FROM task
        UNION ALL SELECT substr(at, 1, 10) FROM audit_event
        UNION ALL SELECT substr(exported_at, 1, 10) FROM sharing_log
    )
    WHERE day IS date(day)
)
WHERE first_day IS NOT NULL
ON CONFLICT (key) DO NOTHING;
