-- Grants that cannot silently do nothing, and grants over more than one device.
--
-- 1. One id per principal: an automation is named by its principal id (aut_...) in tokens,
--    grants, MQTT and the audit. Grants made for an automation's token id (tok_..., the only form
--    that used to work) are moved onto the automation's id; a dead grant naming aut_... on the
--    same target (it never did anything) gives way to the one that worked.
-- 2. A device may be in a room (free text, set by the owner; NULL: none).
-- 3. A grant's target is one camera or device (as before), every device in a room, or every
--    sensor; a room or sensors grant is resolved against the device table at each access check,
--    so a device added to the room later is covered, and one moved out is not. The table is
--    rebuilt because SQLite cannot change a CHECK; device grants keep their cascade on delete
--    through device_id, which is NULL for room and sensors grants.

UPDATE OR REPLACE "grant"
   SET principal_id = (SELECT t.principal_id FROM token t
                        WHERE t.id = "grant".principal_id AND t.principal_kind = 'automation')
 WHERE principal_kind = 'automation'
   AND principal_id IN (SELECT id FROM token WHERE principal_kind = 'automation');

ALTER TABLE device ADD COLUMN room TEXT;

CREATE INDEX device_by_room ON device (room);

CREATE TABLE grant_013 (
  id              TEXT PRIMARY KEY,
  principal_kind  TEXT NOT NULL CHECK (principal_kind IN ('member', 'display', 'automation')),
  principal_id    TEXT NOT NULL,
  target_kind     TEXT NOT NULL CHECK (target_kind IN ('camera', 'device', 'room', 'sensors')),
  target_id       TEXT NOT NULL,
  device_id       TEXT REFERENCES device (id) ON DELETE CASCADE,
  scopes          TEXT NOT NULL,
  remote          INTEGER NOT NULL DEFAULT 0 CHECK (remote IN (0, 1)),
  expires_at      INTEGER,
  created_at      INTEGER NOT NULL,
  CHECK ((target_kind IN ('camera', 'device')) = (device_id IS NOT NULL AND device_id = target_id)),
  UNIQUE (principal_kind, principal_id, target_kind, target_id)
);

INSERT INTO grant_013 (id, principal_kind, principal_id, target_kind, target_id, device_id,
                       scopes, remote, expires_at, created_at)
SELECT id, principal_kind, principal_id, target_kind, target_id, target_id,
       scopes, remote, expires_at, created_at
  FROM "grant";

DROP TABLE "grant";

ALTER TABLE grant_013 RENAME TO "grant";

CREATE INDEX grant_by_principal ON "grant" (principal_kind, principal_id);

CREATE INDEX grant_by_device ON "grant" (device_id);
