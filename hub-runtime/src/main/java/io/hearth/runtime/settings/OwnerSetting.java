package io.hearth.runtime.settings;

import java.util.List;

/**
 * A configuration key the owner may change in the app, with its label for people and whether a
 * change applies at once or at the next start. The list is short on purpose: ports, addresses,
 * paths, keys, TLS material, outside connections and anything else that widens who can reach the
 * home stay in the configuration file, where changing them takes access to the hub's disk.
 *
 * @param name the configuration key ({@code section.key})
 * @param label what the app shows
 * @param atOnce true when the running hub takes the new value at once, false when at next start
 * @param requires a boolean key that must be true in the configuration for the setting to exist
 *     (the module it switches is enabled), or null
 */
public record OwnerSetting(String name, String label, boolean atOnce, String requires) {
  public OwnerSetting(String name, String label, boolean atOnce) {
    this(name, label, atOnce, null);
  }

  /** Every owner setting, in the order the app shows them; keys of absent modules are skipped. */
  public static final List<OwnerSetting> ALL =
      List.of(
          new OwnerSetting("recording.retention-days", "Keep recordings for (days)", true),
          new OwnerSetting(
              "recording.disk-percent", "Most of the disk recordings may use (percent)", true),
          new OwnerSetting("hub.events-retention-days", "Keep sensor history for (days)", true),
          new OwnerSetting(
              "recording.motion-threshold",
              "Motion sensitivity: the change that counts as motion (lower is more sensitive; 0"
                  + " turns motion detection off)",
              false),
          new OwnerSetting(
              "recording.pre-roll-seconds", "Video kept before an event (seconds)", false),
          new OwnerSetting(
              "recording.post-roll-seconds", "Video kept after an event (seconds)", false),
          new OwnerSetting(
              "mdns.enabled",
              "Find devices on the network, and let displays find the hub (mDNS)",
              false),
          // Only off and on: which relay, and whether the hub has one at all, stay in the file.
          new OwnerSetting(
              "bridge.away-viewing",
              "Allow watching from away, through the relay",
              true,
              "bridge.enabled"));

  /** The owner setting of a key name, or null when the app may not change that key. */
  public static OwnerSetting of(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }
}
