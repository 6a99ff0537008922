package io.hearth.adapters.onvif;

import io.hearth.runtime.discovery.Sighting;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a WS-Discovery announcement into an inbox {@link Sighting}: identity from the endpoint
 * reference (never the IP), name and hardware from the ONVIF scopes, and only the service addresses
 * on the host the datagram came from, so a device cannot send the hub to talk to another machine.
 */
final class Sightings {
  static final String PROTOCOL = "onvif";
  static final String XADDRS = "xaddrs";
  private static final String SCOPE_PREFIX = "onvif://www.onvif.org/";

  private Sightings() {}

  /** The sighting, or empty if the device announced no service address on its own host. */
  static Optional<Sighting> of(Announcement a, InetAddress sender) {
    String host = sender.getHostAddress();
    List<String> xaddrs = a.xaddrs().stream().filter(x -> onHost(x, host)).toList();
    if (xaddrs.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put(XADDRS, String.join(" ", xaddrs));
    scope(a.scopes(), "name").ifPresent(v -> details.put("name", v));
    scope(a.scopes(), "hardware").ifPresent(v -> details.put("hardware", v));
    scope(a.scopes(), "location").ifPresent(v -> details.put("location", v));
    String name =
        details.getOrDefault("name", details.getOrDefault("hardware", "ONVIF camera " + host));
    return Optional.of(
        new Sighting(PROTOCOL, a.endpoint(), Sighting.CAMERA, name, host, details, true));
  }

  /** The decoded value of the first {@code onvif://www.onvif.org/<kind>/...} scope. */
  static Optional<String> scope(List<String> scopes, String kind) {
    String prefix = SCOPE_PREFIX + kind + "/";
    return scopes.stream()
        .filter(s -> s.startsWith(prefix) && s.length() > prefix.length())
        .findFirst()
        .map(
            s ->
                URLDecoder.decode(
                    s.substring(prefix.length()).replace("+", "%2B"), StandardCharsets.UTF_8));
  }

  static boolean onHost(String xaddr, String host) {
    try {
      URI uri = new URI(xaddr);
      String scheme = uri.getScheme();
      return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && host.equals(uri.getHost());
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }
}
