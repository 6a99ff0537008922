-- The discovery inbox: everything seen on the network, one row per (protocol, identity). Nothing
-- here is trusted: it is what a device claims until the owner adopts it. An adopted row points at
-- the camera or device it became, so a later sighting at a new address is followed by identity.
CREATE TABLE discovered (
  id           TEXT PRIMARY KEY,
  protocol     TEXT NOT NULL,
  identity     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  name         TEXT NOT NULL,
  address      TEXT NOT NULL,
  details      TEXT NOT NULL,
  adoptable    INTEGER NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('new', 'adopted', 'ignored')),
  adopted_id   TEXT,
  first_seen   INTEGER NOT NULL,
  last_seen    INTEGER NOT NULL,
  UNIQUE (protocol, identity)
);
