-- A test module's first table; IF NOT EXISTS as a table moved from the hub's own scripts is.
CREATE TABLE IF NOT EXISTS test_note (
  id    INTEGER PRIMARY KEY,
  text  TEXT NOT NULL
);
