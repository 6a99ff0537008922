-- Another test module's table, to show one module cannot reach another's rows.
CREATE TABLE IF NOT EXISTS test_other (
  id      INTEGER PRIMARY KEY,
  secret  TEXT NOT NULL
);
