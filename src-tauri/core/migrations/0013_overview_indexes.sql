-- The overview's organisation duties read the completed leader and
-- cooperation meetings of the last 800 days. With only the date index that
-- meant reading every meeting of those days (150 ms among a hundredfold
-- register's 200,000 meetings, most of them triangle and team meetings).
-- This index leads with the kind and holds every column the query reads,
-- so it finds the few organisation-level meetings without the table.

CREATE INDEX meeting_by_kind ON meeting (kind, date, completed_on, revises_agreement, evaluates_routines);

-- The overview's team warnings find the current members of the NAV offices
-- and of deleted organisations from the organisation's side: contact by
-- organisation, then current memberships by contact. This index answers
-- the second step without reading the membership rows (with the end date
-- in it, so a current membership is found as `left_on IS NULL`).
CREATE INDEX team_membership_by_contact_and_end ON team_membership (contact_id, left_on, participant_id);
-- The index by contact alone is a prefix of the new one and goes.
DROP INDEX team_membership_by_contact;
