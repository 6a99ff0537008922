-- The re-stream for local tools (Frigate, go2rtc, Home Assistant): off for every camera until the
-- owner turns it on, and reached only with a credential made for one token and one camera.
-- The secret is never stored: its SHA-256 (for Basic over TLS) and the Digest HA1 (MD5 of
-- user:realm:secret, the most a Digest server can keep) of a 256-bit random secret.

ALTER TABLE camera ADD COLUMN restream INTEGER NOT NULL DEFAULT 0 CHECK (restream IN (0, 1));

CREATE TABLE restream_credential (
  id           TEXT PRIMARY KEY,
  token_id     TEXT NOT NULL REFERENCES token (id) ON DELETE CASCADE,
  camera_id    TEXT NOT NULL REFERENCES device (id) ON DELETE CASCADE,
  username     TEXT NOT NULL UNIQUE,
  secret_hash  BLOB NOT NULL,
  digest_ha1   TEXT NOT NULL,
  created_at   INTEGER NOT NULL
);

CREATE INDEX restream_credential_by_camera ON restream_credential (camera_id);
