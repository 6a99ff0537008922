-- Sensors and actuators: their capabilities, their current state, and the event history.

ALTER TABLE sensor ADD COLUMN capabilities TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX sensor_by_address ON sensor (address);

-- The last value of each capability of each device, with its time.
CREATE TABLE device_state (
  device_id   TEXT NOT NULL REFERENCES device (id) ON DELETE CASCADE,
  capability  TEXT NOT NULL,
  value       TEXT NOT NULL,
  unit        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (device_id, capability)
);

-- The event history, append-only; pruned by age and by count.
CREATE TABLE event (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  capability  TEXT,
  value       TEXT,
  unit        TEXT,
  at          INTEGER NOT NULL
);

CREATE INDEX event_by_device_time ON event (device_id, capability, at);
CREATE INDEX event_by_time ON event (at);
