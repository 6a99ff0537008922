package io.hearth.adapters.onvif;

import java.util.List;

/**
 * What one WS-Discovery message said about one target: a Hello, a Bye or a ProbeMatch, its endpoint
 * reference (the device's lasting identity, {@code urn:uuid:...}), the types it claims, its scopes
 * and its service addresses. Untrusted, as announced.
 *
 * @param relatesTo for a ProbeMatch, the MessageID of the Probe it answers; else null
 */
record Announcement(
    Kind kind,
    String relatesTo,
    String endpoint,
    List<String> types,
    List<String> scopes,
    List<String> xaddrs) {

  enum Kind {
    HELLO,
    BYE,
    PROBE_MATCH
  }

  Announcement {
    types = List.copyOf(types);
    scopes = List.copyOf(scopes);
    xaddrs = List.copyOf(xaddrs);
  }

  /** Whether it claims to be an ONVIF video transmitter or device. */
  boolean isOnvifDevice() {
    return types.contains(DiscoveryMessages.NVT_TYPE)
        || types.contains(DiscoveryMessages.DEVICE_TYPE);
  }
}
