-- The CoAP adapter's own table (module "coap"). Until 0.1.0 it was the hub's migration 006;
-- databases made then have it already, hence IF NOT EXISTS.
-- CoAP devices the owner added by URL, so the hub watches them again after a restart. The PSK
-- (for coaps://) is a secret: the database file is readable by the hub's user only.
CREATE TABLE IF NOT EXISTS coap_device (
  base_url      TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  psk_identity  TEXT,
  psk_key       BLOB,
  added_at      INTEGER NOT NULL
);
