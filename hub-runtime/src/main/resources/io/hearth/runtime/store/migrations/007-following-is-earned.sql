-- Following is earned: discovery may claim that an adopted camera moved, but the hub moves the
-- camera only when the device at the new address proves it is the same camera, or the owner
-- confirms the move.

-- (The camera_identity table that was here is the ONVIF adapter's own migration now.)

-- The host discovery moved a camera to (the owner did not type it): there its password travels
-- only as a digest or over TLS, never as plain-text Basic.
ALTER TABLE camera ADD COLUMN followed_host TEXT;

-- The inbox learns the state 'moved' (an adopted camera claimed at another address, awaiting proof
-- or the owner) and keeps the claimed move as JSON. SQLite cannot change a CHECK: copy the table.
CREATE TABLE discovered_next (
  id           TEXT PRIMARY KEY,
  protocol     TEXT NOT NULL,
  identity     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  name         TEXT NOT NULL,
  address      TEXT NOT NULL,
  details      TEXT NOT NULL,
  adoptable    INTEGER NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('new', 'adopted', 'ignored', 'moved')),
  adopted_id   TEXT,
  first_seen   INTEGER NOT NULL,
  last_seen    INTEGER NOT NULL,
  move         TEXT,
  UNIQUE (protocol, identity)
);

INSERT INTO discovered_next (id, protocol, identity, kind, name, address, details, adoptable,
  state, adopted_id, first_seen, last_seen)
  SELECT id, protocol, identity, kind, name, address, details, adoptable, state, adopted_id,
  first_seen, last_seen FROM discovered;

DROP TABLE discovered;

ALTER TABLE discovered_next RENAME TO discovered;
