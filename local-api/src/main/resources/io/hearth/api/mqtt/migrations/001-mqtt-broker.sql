-- The MQTT broker's own tables (module "api"). Until 0.1.0 they were the hub's migration 004;
-- databases made then have them already, hence IF NOT EXISTS.
-- The embedded MQTT broker's durable state: persistent sessions, their subscriptions and their
-- queued QoS 1/2 messages, and retained messages. Times are Unix epoch milliseconds.

-- A persistent session belongs to the token that opened it: another token with the same client
-- id never inherits its subscriptions or queued messages.
CREATE TABLE IF NOT EXISTS mqtt_session (
  client_id        TEXT PRIMARY KEY,
  token_id         TEXT NOT NULL,
  expiry_seconds   INTEGER NOT NULL,
  disconnected_at  INTEGER
);

CREATE TABLE IF NOT EXISTS mqtt_subscription (
  client_id  TEXT NOT NULL REFERENCES mqtt_session (client_id) ON DELETE CASCADE,
  filter     TEXT NOT NULL,
  qos        INTEGER NOT NULL CHECK (qos IN (0, 1, 2)),
  PRIMARY KEY (client_id, filter)
);

-- QoS 1/2 messages owed to a persistent session, queued or in flight, until acknowledged.
CREATE TABLE IF NOT EXISTS mqtt_queued (
  client_id  TEXT NOT NULL REFERENCES mqtt_session (client_id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  topic      TEXT NOT NULL,
  payload    BLOB NOT NULL,
  qos        INTEGER NOT NULL CHECK (qos IN (1, 2)),
  PRIMARY KEY (client_id, seq)
);

CREATE TABLE IF NOT EXISTS mqtt_retained (
  topic       TEXT PRIMARY KEY,
  payload     BLOB NOT NULL,
  qos         INTEGER NOT NULL CHECK (qos IN (0, 1, 2)),
  updated_at  INTEGER NOT NULL
);
