ALTER TABLE test_note ADD COLUMN tag TEXT NOT NULL DEFAULT '';
CREATE INDEX test_note_by_tag ON test_note (tag);
