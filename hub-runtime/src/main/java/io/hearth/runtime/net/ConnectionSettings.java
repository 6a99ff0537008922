package io.hearth.runtime.net;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code connections} configuration section: for each listener the most connections open at
 * once and the most from one source address, and how long a connection may take to finish its TLS
 * handshake, its request head or its MQTT CONNECT. Defaults suit a home hub (a few dozen clients
 * and devices) and keep a flood of 10,000 connections within the unit's memory.
 */
public final class ConnectionSettings {
  /** The listeners, as named in keys, in health and in the log. */
  public static final List<String> LISTENERS =
      List.of("https", "http", "mqtt", "mqtt-tls", "rtsp", "rtsps");

  public static final ConfigKey<Integer> HANDSHAKE_TIMEOUT_SECONDS =
      ConfigKey.integer(
          "connections.handshake-timeout-seconds",
          "Seconds a client has to finish its TLS handshake (HTTPS and MQTT over TLS).",
          10,
          1,
          300);
  public static final ConfigKey<Integer> REQUEST_HEAD_TIMEOUT_SECONDS =
      ConfigKey.integer(
          "connections.request-head-timeout-seconds",
          "Seconds an HTTP(S) connection with no request in progress has to deliver a complete"
              + " request head (line and headers); slower ones are closed. Also ends idle"
              + " keep-alive connections.",
          20,
          1,
          3600);
  public static final ConfigKey<Integer> IDLE_TIMEOUT_SECONDS =
      ConfigKey.integer(
          "connections.idle-timeout-seconds",
          "Seconds an HTTP(S) connection or WebSocket may go without any byte in either direction.",
          120,
          10,
          86_400);
  public static final ConfigKey<Integer> MQTT_CONNECT_TIMEOUT_SECONDS =
      ConfigKey.integer(
          "connections.mqtt-connect-timeout-seconds",
          "Seconds an MQTT client has to send CONNECT after its connection opens.",
          10,
          1,
          300);

  private ConnectionSettings() {}

  /** The most connections open at once on a listener. */
  public static ConfigKey<Integer> max(String listener) {
    return ConfigKey.integer(
        "connections." + listener + ".max",
        "Most connections open at once on the " + listener + " listener; more are closed at once.",
        512,
        1,
        100_000);
  }

  /** The most connections open at once from one source address on a listener. */
  public static ConfigKey<Integer> maxPerAddress(String listener) {
    return ConfigKey.integer(
        "connections." + listener + ".max-per-address",
        "Most connections open at once from one source address on the " + listener + " listener.",
        64,
        1,
        100_000);
  }

  public static List<ConfigKey<?>> keys() {
    List<ConfigKey<?>> keys = new ArrayList<>();
    for (String listener : LISTENERS) {
      keys.add(max(listener));
      keys.add(maxPerAddress(listener));
    }
    keys.addAll(
        List.of(
            HANDSHAKE_TIMEOUT_SECONDS,
            REQUEST_HEAD_TIMEOUT_SECONDS,
            IDLE_TIMEOUT_SECONDS,
            MQTT_CONNECT_TIMEOUT_SECONDS));
    return List.copyOf(keys);
  }

  /** Registers a listener with its configured limits. */
  public static Listener listener(ConnectionLimits limits, HubConfig config, String name) {
    if (!LISTENERS.contains(name)) {
      throw new IllegalArgumentException("unknown listener " + name);
    }
    return limits.listener(name, config.get(max(name)), config.get(maxPerAddress(name)));
  }
}
