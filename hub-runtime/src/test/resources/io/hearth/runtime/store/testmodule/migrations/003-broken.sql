CREATE TABLE test_half_made (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
