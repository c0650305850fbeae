-- Contacts are found by searching, not by reading all of them: a register
-- a hundred times a service's size has 20,000 contacts, and every picker
-- read every one. The search column holds the contact's name, title and
-- organisation folded as the participant list's is (domain/search_key.rs),
-- written by the application on every save and on an organisation's
-- rename, and here for the contacts already stored, through the same Rust
-- function lent to the migration as `contact_search_text`.

ALTER TABLE contact ADD COLUMN search_text TEXT NOT NULL DEFAULT '';

UPDATE contact
SET search_text = contact_search_text(
    name, title, (SELECT o.name FROM organisation o WHERE o.id = contact.organisation_id));

CREATE INDEX contact_current_by_name ON contact (sort_key, id) WHERE archived_at IS NULL;
