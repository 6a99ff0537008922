package io.hearth.adapters.mqtt.convention;

import java.util.Optional;

/**
 * Builds and parses device keys: {@code <convention>:<name>} and, for the second and later channels
 * of a multi-channel device, {@code <convention>:<name>#<channel>}. Channel numbers are the
 * device's own (Shelly counts from 0, Tasmota from 1); the device's first channel has no suffix, so
 * a one-channel device keeps a plain key.
 */
final class DeviceKeys {
  private DeviceKeys() {}

  /** A parsed key: the convention's device name and channel (-1 when none given). */
  record Parts(String name, int channel) {
    int channelOr(int firstChannel) {
      return channel < 0 ? firstChannel : channel;
    }
  }

  static String key(String convention, String name) {
    return convention + ":" + name;
  }

  static String key(String convention, String name, int channel, int firstChannel) {
    return channel == firstChannel ? key(convention, name) : key(convention, name) + "#" + channel;
  }

  /** The parts of a key of this convention, or empty if the key is another's or malformed. */
  static Optional<Parts> parse(String convention, String deviceKey) {
    String prefix = convention + ":";
    if (!deviceKey.startsWith(prefix) || deviceKey.length() == prefix.length()) {
      return Optional.empty();
    }
    String rest = deviceKey.substring(prefix.length());
    int hash = rest.lastIndexOf('#');
    if (hash < 0) {
      return Optional.of(new Parts(rest, -1));
    }
    return parseChannel(rest.substring(hash + 1)).map(ch -> new Parts(rest.substring(0, hash), ch));
  }

  private static Optional<Integer> parseChannel(String digits) {
    if (digits.isEmpty()
        || digits.length() > 3
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(digits));
  }
}
