-- The ONVIF adapter's own table (module "onvif"). Until 0.1.0 it was created by the hub's
-- migration 007; databases made then have it already, hence IF NOT EXISTS.

-- What an ONVIF camera said it was at adoption (GetDeviceInformation, asked with the owner's
-- credentials): a claimed move is followed only to a device that answers the same.
CREATE TABLE IF NOT EXISTS camera_identity (
  device_id     TEXT PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
  manufacturer  TEXT NOT NULL,
  model         TEXT NOT NULL,
  serial        TEXT NOT NULL,
  hardware_id   TEXT NOT NULL,
  recorded_at   INTEGER NOT NULL
);
