-- Camera events (the hub's migration number 016 reserved for them; kept in the recording module's
-- own schema like its segments): one row per stretch of motion on a camera, whatever reported it
-- (the hub's detector, the camera's own ONVIF events, a linked sensor). ended_at is NULL while the
-- event is open; an event left open by a cut is closed at the next start. The thumbnail is a file
-- under <data>/thumbnails/<camera>/<event>.hrt sealed like a segment, its key wrapped here.
CREATE TABLE IF NOT EXISTS camera_event (
  id             TEXT PRIMARY KEY,
  camera_id      TEXT NOT NULL,
  source         TEXT NOT NULL,
  sensor_id      TEXT,
  started_at     INTEGER NOT NULL,
  ended_at       INTEGER,
  score          REAL,
  thumbnail_key  BLOB,
  thumb_width    INTEGER,
  thumb_height   INTEGER
);
CREATE INDEX IF NOT EXISTS camera_event_by_camera ON camera_event (camera_id, started_at);
CREATE INDEX IF NOT EXISTS camera_event_by_time ON camera_event (started_at);

-- A sensor (an MQTT or CoAP device reporting motion or contact) tied to a camera: its rising edge
-- starts an event on that camera. Set by the owner.
CREATE TABLE IF NOT EXISTS camera_sensor_link (
  sensor_id   TEXT NOT NULL,
  camera_id   TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (sensor_id, camera_id)
);
