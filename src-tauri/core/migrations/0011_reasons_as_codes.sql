-- Deadline reasons and the rules' warnings as codes with arguments.
--
-- Until now `deadline.reason` and `participant_warning.message` held
-- Bokmål sentences. From this version they hold a message's stored form:
-- JSON text of a catalogue key and its typed arguments,
-- {"key": "reason.programmeStart", "args": {"after": {"message": …}}},
-- which the program renders in the reader's language where it is shown.
--
-- A stored sentence cannot be read back into its key and arguments, and it
-- need not be: both tables hold only what the deadline engine derives from
-- the participant's facts, and the store computes them again from those
-- facts. So every stored text is replaced by a code that says it is being
-- worked out again, and the day of the last computation is forgotten, which
-- makes the program recompute every participant's deadlines and warnings
-- when the register is next opened (as after migration 0005).
--
-- Nothing else changes: every row keeps its id (an agenda item may name a
-- deadline by it), its dates and its state, and nothing the caseworker
-- recorded (the facts and done dates, events, leaves, own tasks, notes) is
-- in these two columns. The recompute keeps each row whose deadline is the
-- same and writes its reason into it.

UPDATE deadline SET reason = '{"key":"reason.pending","args":{}}';
UPDATE participant_warning SET message = '{"key":"warningMessage.pending","args":{}}';
DELETE FROM store_meta WHERE key = 'deadlines_computed_on';
