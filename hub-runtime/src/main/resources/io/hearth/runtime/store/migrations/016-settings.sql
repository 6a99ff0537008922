-- Settings the owner changed in the app (docs/configuration.md): one row per setting, its value as
-- text (parsed by the setting's own configuration key), who changed it and when. A row overrides
-- the configuration file's value of the same key; removing the row returns to the file's value.
-- Only keys on the hub's list of owner settings are ever written or read here.

CREATE TABLE hub_setting (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  changed_by  TEXT NOT NULL,
  changed_at  INTEGER NOT NULL
);
