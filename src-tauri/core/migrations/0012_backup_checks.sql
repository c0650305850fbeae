-- What each backup in the register's own backup folder held when it was
-- written and checked, so that the backup screen lists the backups without
-- opening each one again (a check reads every page of a file as large as
-- the register: 2.2 s for the start-up backups of a hundredfold register).
-- A row counts only while the file has the size and modification time it
-- had when it was checked; a file that changed since is opened and checked
-- again. A restore that brings back an older copy of this table is
-- harmless for the same reason. Counts only, no personal data.

CREATE TABLE backup_check (
    file_name    TEXT    PRIMARY KEY,
    size         INTEGER NOT NULL CHECK (size >= 0),
    modified_ns  INTEGER NOT NULL,
    participants INTEGER NOT NULL CHECK (participants >= 0),
    deadlines    INTEGER NOT NULL CHECK (deadlines >= 0),
    tasks        INTEGER NOT NULL CHECK (tasks >= 0),
    contacts     INTEGER NOT NULL CHECK (contacts >= 0),
    meetings     INTEGER NOT NULL CHECK (meetings >= 0)
);
