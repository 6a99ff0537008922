-- Moved: the MQTT broker's tables are the api module's own migration now
-- (local-api: io/hearth/api/mqtt/migrations/001-mqtt-broker.sql). This version stays, empty, so
-- the numbers of the hub's migrations do not change.
SELECT 1;
