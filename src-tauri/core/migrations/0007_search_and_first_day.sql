-- Search that finds people as they are typed.
--
-- The participant list's search column now holds the names and number
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
