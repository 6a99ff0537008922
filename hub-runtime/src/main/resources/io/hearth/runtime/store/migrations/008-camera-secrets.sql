-- Secret query values of camera URLs (?user=...&password=..., &pwd=, &token=...) move out of the
-- URL columns into their own table; the URLs keep a placeholder (***) in their place and the hub
-- puts the values back only when an adapter connects. The split of the rows already stored, and
-- the masking of URLs in earlier audit entries, run in Java after this script (Migrations).

CREATE TABLE camera_secret (
  camera_id  TEXT NOT NULL REFERENCES device (id) ON DELETE CASCADE,
  field      TEXT NOT NULL CHECK (field IN ('url', 'snapshot_url')),
  name       TEXT NOT NULL,
  value      TEXT NOT NULL,
  PRIMARY KEY (camera_id, field, name)
);
