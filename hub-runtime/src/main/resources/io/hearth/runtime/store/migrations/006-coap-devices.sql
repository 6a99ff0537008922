-- Moved: the coap_device table is the CoAP adapter's own migration now
-- (io/hearth/adapters/coap/migrations/001-coap-devices.sql). This version stays, empty, so the
-- numbers of the hub's migrations do not change.
SELECT 1;
