-- A participant's own copy of the minutes of a meeting about several
-- people names only that participant; the others appear as a count, unless
-- the meeting records that they agreed to be named in each other's copies.
-- Each copy given to a participant records whose copy it was.

ALTER TABLE meeting ADD COLUMN participants_may_be_named INTEGER NOT NULL DEFAULT 0
    CHECK (participants_may_be_named IN (0, 1));
ALTER TABLE sharing_log ADD COLUMN copy_for INTEGER REFERENCES participant (id);
