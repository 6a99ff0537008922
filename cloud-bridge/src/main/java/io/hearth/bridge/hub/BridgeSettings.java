package io.hearth.bridge.hub;

import io.hearth.runtime.config.ConfigKey;
import java.util.List;

/** The {@code bridge} configuration section ({@code bridge.enabled} comes from the module list). */
public final class BridgeSettings {
  public static final ConfigKey<String> RELAY_URL =
      ConfigKey.string(
          "bridge.relay-url",
          "The relay the hub connects out to when bridge.enabled is true, e.g."
              + " wss://relay.example.net:9443; its host is declared to the egress ledger.",
          "");

  public static final ConfigKey<String> RELAY_CA =
      ConfigKey.string(
          "bridge.relay-ca",
          "A PEM file of the certificate authority that signs the relay's TLS certificate; empty:"
              + " the system's trusted authorities. The video is end to end either way.",
          "");

  public static final ConfigKey<Boolean> ALLOW_PLAIN_RELAY =
      ConfigKey.bool(
          "bridge.allow-plain-relay",
          "Allow a ws:// bridge.relay-url (a relay without TLS): the video stays end to end, but"
              + " the network then sees the hub's relay id and the timing of its streams.",
          false);

  /**
   * The owner's off and on switch (a setting in the app, applied at once): off closes the link and
   * ends every session from away; on resumes the relay the file names. Never which relay.
   */
  public static final ConfigKey<Boolean> AWAY_VIEWING =
      ConfigKey.bool(
          "bridge.away-viewing",
          "Watching from away: false closes the hub's link to the relay and ends every session"
              + " from away at once; true keeps the link to bridge.relay-url. The owner may switch"
              + " it in the app (Settings); the relay itself is set only here.",
          true);

  private BridgeSettings() {}

  public static List<ConfigKey<?>> keys() {
    return List.of(RELAY_URL, RELAY_CA, ALLOW_PLAIN_RELAY, AWAY_VIEWING);
  }
}
