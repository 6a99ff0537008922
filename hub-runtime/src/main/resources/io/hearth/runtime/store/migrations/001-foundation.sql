-- The foundation schema: the home, its members, devices (cameras and sensors), displays,
-- grants, API tokens and the audit log. Times are Unix epoch milliseconds.

CREATE TABLE home (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE member (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('owner', 'adult', 'guest')),
  created_at  INTEGER NOT NULL
);

CREATE TABLE device (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('camera', 'sensor')),
  name        TEXT NOT NULL,
  protocol    TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE camera (
  device_id   TEXT PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
  url         TEXT NOT NULL,
  username    TEXT,
  password    TEXT
);

CREATE TABLE sensor (
  device_id   TEXT PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
  address     TEXT NOT NULL
);

CREATE TABLE display (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  paired_at   INTEGER NOT NULL
);

-- A grant gives one principal (member, display or automation token) scopes on one camera or
-- device. Revocation deletes the row: nothing can read a revoked grant as live.
CREATE TABLE "grant" (
  id              TEXT PRIMARY KEY,
  principal_kind  TEXT NOT NULL CHECK (principal_kind IN ('member', 'display', 'automation')),
  principal_id    TEXT NOT NULL,
  target_kind     TEXT NOT NULL CHECK (target_kind IN ('camera', 'device')),
  target_id       TEXT NOT NULL REFERENCES device (id) ON DELETE CASCADE,
  scopes          TEXT NOT NULL,
  remote          INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
  expires_at      INTEGER,
  created_at      INTEGER NOT NULL,
  UNIQUE (principal_kind, principal_id, target_id)
);

CREATE INDEX grant_by_principal ON "grant" (principal_kind, principal_id);

-- API tokens are stored only as a SHA-256 hash of the secret; hint is its first characters.
CREATE TABLE token (
  id            TEXT PRIMARY KEY,
  hash          BLOB NOT NULL UNIQUE,
  hint          TEXT NOT NULL,
  name          TEXT NOT NULL,
  subject_kind  TEXT NOT NULL CHECK (subject_kind IN ('member', 'display', 'automation')),
  subject_id    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER,
  revoked_at    INTEGER
);

CREATE INDEX token_by_subject ON token (subject_kind, subject_id);

CREATE TABLE audit (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT,
  detail    TEXT
);

CREATE INDEX audit_by_time ON audit (at);
