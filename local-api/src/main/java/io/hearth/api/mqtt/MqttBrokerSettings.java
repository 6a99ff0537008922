package io.hearth.api.mqtt;

import io.hearth.runtime.config.ConfigKey;
import java.util.List;

/**
 * The embedded MQTT broker's keys, in the local API's section ({@code api.mqtt.*}): listeners and
 * the bounds that keep one misbehaving client from hurting the hub.
 */
public final class MqttBrokerSettings {
  public static final ConfigKey<String> MODE =
      ConfigKey.string(
          "api.mqtt.mode",
          "embedded: the hub runs its own MQTT broker; external: devices and rules use your own"
              + " broker and the hub's broker stays off; off: no MQTT at all.",
          "embedded");
  public static final ConfigKey<String> HOST =
      ConfigKey.string(
          "api.mqtt.host",
          "Address the MQTT listeners bind; 0.0.0.0 means every interface.",
          "0.0.0.0");
  public static final ConfigKey<Integer> PORT =
      ConfigKey.port("api.mqtt.port", "Plain MQTT port (LAN devices).", 1883);
  public static final ConfigKey<Integer> TLS_PORT =
      ConfigKey.port("api.mqtt.tls-port", "MQTT over TLS with the hub's certificate.", 8883);
  public static final ConfigKey<Integer> MAX_PACKET_BYTES =
      ConfigKey.integer(
          "api.mqtt.max-packet-bytes",
          "Largest MQTT packet accepted; a client sending a larger one is disconnected.",
          256 * 1024,
          1024,
          16 << 20);
  public static final ConfigKey<Integer> MAX_CONNECTIONS =
      ConfigKey.integer(
          "api.mqtt.max-connections", "Most MQTT clients connected at once.", 1000, 1, 100_000);
  public static final ConfigKey<Integer> MAX_SUBSCRIPTIONS =
      ConfigKey.integer(
          "api.mqtt.max-subscriptions", "Most topic filters one session holds.", 100, 1, 10_000);
  public static final ConfigKey<Integer> MAX_INFLIGHT =
      ConfigKey.integer(
          "api.mqtt.max-inflight",
          "QoS 1/2 messages sent to one client and not yet acknowledged.",
          32,
          1,
          65_535);
  public static final ConfigKey<Integer> MAX_QUEUED =
      ConfigKey.integer(
          "api.mqtt.max-queued",
          "QoS 1/2 messages kept for one session beyond its in-flight window (also while it is"
              + " offline). A publisher whose messages a connected subscriber cannot take yet is"
              + " read more slowly; while an away subscriber's queue is full, messages it is owed"
              + " are refused before they are acknowledged. Nothing acknowledged is dropped.",
          1000,
          1,
          1_000_000);
  public static final ConfigKey<Integer> MAX_PUBLISH_RATE =
      ConfigKey.integer(
          "api.mqtt.max-publish-rate",
          "Messages per second one client may publish (bursts of twice that); a faster client is"
              + " read more slowly, nothing it sent is dropped. 0 means no limit.",
          500,
          0,
          1_000_000);
  public static final ConfigKey<Integer> MAX_RETAINED =
      ConfigKey.integer(
          "api.mqtt.max-retained",
          "Most retained topics kept; new retained topics beyond it are not retained.",
          10_000,
          1,
          1_000_000);
  public static final ConfigKey<Integer> MAX_SESSION_EXPIRY =
      ConfigKey.integer(
          "api.mqtt.max-session-expiry-seconds",
          "How long a persistent session outlives its connection at most (MQTT 3.1.1"
              + " clean-session=false sessions get exactly this).",
          7 * 24 * 3600,
          0,
          Integer.MAX_VALUE);
  public static final ConfigKey<String> DEVICE_PREFIXES =
      ConfigKey.string(
          "api.mqtt.device-prefixes",
          "Comma-separated topic prefixes of device conventions that automation (device) tokens"
              + " may publish and subscribe to besides hearth/ topics.",
          "tele/,stat/,cmnd/,tasmota/,shellies/,zigbee2mqtt/,homeassistant/");

  public static final ConfigKey<Boolean> EXTERNAL_COMMANDS =
      ConfigKey.bool(
          "api.mqtt.external-commands",
          "With mode external: carry out commands published on hearth/<device>/<capability>/set"
              + " on the external broker (Home Assistant switching a lamp); whoever that broker"
              + " lets publish there can then command every device. false: they are ignored.",
          true);

  private MqttBrokerSettings() {}

  /** Every key; the api module lists them beside its own. */
  public static List<ConfigKey<?>> keys() {
    return List.of(
        MODE,
        EXTERNAL_COMMANDS,
        HOST,
        PORT,
        TLS_PORT,
        MAX_PACKET_BYTES,
        MAX_CONNECTIONS,
        MAX_SUBSCRIPTIONS,
        MAX_INFLIGHT,
        MAX_QUEUED,
        MAX_PUBLISH_RATE,
        MAX_RETAINED,
        MAX_SESSION_EXPIRY,
        DEVICE_PREFIXES);
  }
}
