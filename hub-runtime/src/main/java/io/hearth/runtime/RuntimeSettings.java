package io.hearth.runtime;

import io.hearth.runtime.config.ConfigKey;
import java.util.List;

/** The runtime's own configuration section, {@code hub}. */
public final class RuntimeSettings {
  public static final ConfigKey<String> DATA_DIR =
      ConfigKey.string(
          "hub.data-dir",
          "Directory for the database, keys, tokens and ports.json; created with mode 0700.",
          "./hearth-data");
  public static final ConfigKey<String> HOME_NAME =
      ConfigKey.string(
          "hub.home-name",
          "Name given to the home when the hub starts for the first time.",
          "Home");
  public static final ConfigKey<String> HOST_NAMES =
      ConfigKey.string(
          "hub.host-names",
          "Extra host names (comma-separated) for the hub's TLS certificate, besides its own host"
              + " name, localhost and its LAN addresses.",
          "");

  public static final ConfigKey<Integer> EVENTS_RETENTION_DAYS =
      ConfigKey.integer(
          "hub.events-retention-days", "Days of device event history kept.", 30, 1, 3650);
  public static final ConfigKey<Integer> EVENTS_MAX_ROWS =
      ConfigKey.integer(
          "hub.events-max-rows",
          "Most device events kept; the oldest go first.",
          1_000_000,
          1_000,
          100_000_000);

  public static final ConfigKey<Integer> STREAM_TICKET_SECONDS =
      ConfigKey.integer(
          "hub.stream-ticket-seconds",
          "How long a stream session's single-use WebSocket URL stays valid.",
          30,
          1,
          300);

  private RuntimeSettings() {}

  /**
   * The runtime's keys: its own section and those of the parts it runs (stream, discovery,
   * connections, log).
   */
  public static List<ConfigKey<?>> keys() {
    List<ConfigKey<?>> keys =
        new java.util.ArrayList<>(
            List.of(
                DATA_DIR,
                HOME_NAME,
                HOST_NAMES,
                EVENTS_RETENTION_DAYS,
                EVENTS_MAX_ROWS,
                STREAM_TICKET_SECONDS,
                io.hearth.runtime.discovery.DiscoveryInterfaces.INTERFACES));
    keys.addAll(io.hearth.runtime.stream.StreamSettings.keys());
    keys.addAll(io.hearth.runtime.recording.RecordingSettings.keys());
    keys.addAll(io.hearth.runtime.net.ConnectionSettings.keys());
    keys.add(io.hearth.runtime.net.egress.EgressSettings.ALLOWED_HOSTS);
    keys.addAll(io.hearth.runtime.logging.LogSettings.keys());
    return List.copyOf(keys);
  }
}
