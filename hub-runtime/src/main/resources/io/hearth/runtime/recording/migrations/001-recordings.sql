-- Recorded segments of camera video: one encrypted file each under <data>/recordings/<camera>/,
-- with its key wrapped by the hub's recording key. A row is written after its file is on disk.
CREATE TABLE IF NOT EXISTS recording_segment (
  id           TEXT PRIMARY KEY,
  camera_id    TEXT NOT NULL,
  started_at   INTEGER NOT NULL,
  ended_at     INTEGER NOT NULL,
  bytes        INTEGER NOT NULL,
  codec        TEXT NOT NULL,
  mime         TEXT NOT NULL,
  width        INTEGER NOT NULL,
  height       INTEGER NOT NULL,
  wrapped_key  BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS recording_segment_by_time ON recording_segment (camera_id, started_at);

-- How each camera is recorded; a camera with no row is not recorded.
CREATE TABLE IF NOT EXISTS recording_mode (
  camera_id   TEXT PRIMARY KEY,
  mode        TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);
