-- Interpreters in meetings, as tolkeloven requires: whether one was
-- needed, how the interpreting was done, the interpreter's qualification
-- (with the category in Nasjonalt tolkeregister when known), the exception
-- and reason for an unqualified interpreter, and the confirmation that the
-- interpreter is an adult (or why a child interpreted in an emergency).
-- The interpreter's own name and details are not recorded.
--
-- Existing meetings keep what they had; the new facts start unknown.

ALTER TABLE meeting ADD COLUMN interpreter_needed INTEGER NOT NULL DEFAULT 0
    CHECK (interpreter_needed IN (0, 1));
ALTER TABLE meeting ADD COLUMN interpreting_mode TEXT
    CHECK (interpreting_mode IS NULL OR interpreting_mode IN ('in_person', 'phone', 'video'));
ALTER TABLE meeting ADD COLUMN interpreter_qualification TEXT
    CHECK (interpreter_qualification IS NULL OR interpreter_qualification IN ('qualified', 'not_qualified'));
ALTER TABLE meeting ADD COLUMN interpreter_category TEXT
    CHECK (interpreter_category IS NULL OR interpreter_category IN ('a', 'b', 'c', 'd', 'e'));
ALTER TABLE meeting ADD COLUMN unqualified_exception TEXT
    CHECK (unqualified_exception IS NULL OR unqualified_exception IN ('cannot_wait', 'emergency', 'other_strong_reasons'));
ALTER TABLE meeting ADD COLUMN unqualified_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE meeting ADD COLUMN interpreter_adult INTEGER NOT NULL DEFAULT 0
    CHECK (interpreter_adult IN (0, 1));
ALTER TABLE meeting ADD COLUMN child_emergency_reason TEXT NOT NULL DEFAULT '';
