-- Each module's own tables come with the module (HubModule.schema()): which of its scripts ran is
-- kept here, one row per module, as the hub keeps its own in PRAGMA user_version.
CREATE TABLE module_schema (
  module      TEXT PRIMARY KEY,
  version     INTEGER NOT NULL CHECK (version >= 0),
  updated_at  INTEGER NOT NULL
);
