package io.hearth.runtime.discovery;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A service the hub itself offers on the local network, for discovery protocols to advertise (mDNS
 * as {@code _hearth._tcp}, say). Only what a client needs to find and pin the hub: never a secret.
 *
 * @param type the DNS-SD service type, such as {@code _hearth._tcp}
 * @param name the instance name shown to people
 * @param port the TCP or UDP port the service listens on
 * @param txt key/value pairs to publish with it
 */
public record ServiceAnnouncement(String type, String name, int port, Map<String, String> txt) {
  public ServiceAnnouncement {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    if (port <= 0 || port > 65_535) {
      throw new IllegalArgumentException("announced port must be 1..65535, got " + port);
    }
    txt = Map.copyOf(new TreeMap<>(txt == null ? Map.of() : txt));
  }
}
