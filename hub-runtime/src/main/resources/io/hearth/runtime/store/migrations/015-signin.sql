-- People's sign-in (docs/signin.md): a member's password, kept only as an Argon2id hash string
-- that carries its own parameters and salt; their passkeys (WebAuthn credentials: the id, and the
-- attested credential data, which holds the COSE public key); and their sign-ins, the cookie
-- sessions, of which only the SHA-256 of the secret and of the CSRF value are kept. Removing a
-- member removes all three. (member_password and member_passkey: a module's SQL naming a column
-- "password" must not read as naming a hub table; the store refuses statements that do.)

CREATE TABLE member_password (
  member_id   TEXT PRIMARY KEY REFERENCES member (id) ON DELETE CASCADE,
  hash        TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE TABLE member_passkey (
  id               TEXT PRIMARY KEY,
  member_id        TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
  credential_id    BLOB NOT NULL UNIQUE,
  credential_data  BLOB NOT NULL,
  sign_count       INTEGER NOT NULL,
  name             TEXT NOT NULL,
  created_at       INTEGER NOT NULL,
  last_used_at     INTEGER
);

CREATE INDEX member_passkey_by_member ON member_passkey (member_id);

CREATE TABLE signin (
  id            TEXT PRIMARY KEY,
  member_id     TEXT NOT NULL REFERENCES member (id) ON DELETE CASCADE,
  hash          BLOB NOT NULL UNIQUE,
  csrf_hash     BLOB NOT NULL,
  method        TEXT NOT NULL CHECK (method IN ('password', 'passkey', 'setup')),
  user_agent    TEXT,
  address       TEXT,
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  revoked_at    INTEGER
);

CREATE INDEX signin_by_member ON signin (member_id);
