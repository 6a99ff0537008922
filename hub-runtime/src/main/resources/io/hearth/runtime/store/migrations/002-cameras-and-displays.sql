-- Cameras get an optional JPEG snapshot URL; displays keep the hub addresses they paired with.

ALTER TABLE camera ADD COLUMN snapshot_url TEXT;

ALTER TABLE display ADD COLUMN paired_by TEXT;
