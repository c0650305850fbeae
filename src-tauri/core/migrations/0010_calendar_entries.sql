-- What the caseworker's calendar was told by the last calendar export, one
-- row per event UID. A calendar keeps an imported event until it is told
-- otherwise, so the next export withdraws each event that is done or no
-- longer applies (STATUS:CANCELLED with the same UID and a higher
-- SEQUENCE) and raises the sequence of one whose date moved. Rows are
-- replaced only after the file was written, so a cancelled save dialog
-- changes nothing. No personal data: the summary is the kind and the case
-- reference the file itself carries.

CREATE TABLE calendar_entry (
    uid       TEXT    PRIMARY KEY,
    sequence  INTEGER NOT NULL CHECK (sequence >= 0),
    due       TEXT    NOT NULL,
    summary   TEXT    NOT NULL,
    withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1))
);
