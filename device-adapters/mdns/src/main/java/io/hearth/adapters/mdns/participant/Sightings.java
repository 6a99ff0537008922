package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.Sighting;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** What every mDNS sighting carries: the service type, instance, host and its TXT records. */
final class Sightings {
  /** TXT records copied into a sighting's details; the rest are left out. */
  static final int MAX_TXT_DETAILS = 16;

  /** Characters allowed in a URL path taken from TXT; anything else leaves the URL out. */
  private static final Pattern URL_PATH = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@/%?-]*");

  private Sightings() {}

  /** The details every mDNS sighting has, ready for a participant to add to. */
  static Map<String, String> details(ServiceRecord service) {
    Map<String, String> details = new TreeMap<>();
    details.put("service_type", service.type());
    details.put("instance", service.name());
    if (service.server() != null) {
      details.put("server", service.server());
    }
    int copied = 0;
    for (Map.Entry<String, String> e : new TreeMap<>(service.txt()).entrySet()) {
      if (copied++ >= MAX_TXT_DETAILS) {
        break;
      }
      details.put("txt." + e.getKey(), e.getValue());
    }
    return details;
  }

  /** A sighting of {@code service}, if it resolved to an address. */
  static Optional<Sighting> of(
      ServiceRecord service, String kind, Map<String, String> details, boolean adoptable) {
    return service
        .hostAndPort()
        .map(
            address ->
                new Sighting(
                    MdnsParticipant.PROTOCOL,
                    service.identity(),
                    kind,
                    service.name(),
                    address,
                    details,
                    adoptable));
  }

  /** {@code scheme://host:port/path}, or empty if the announced path is not a plain URL path. */
  static Optional<String> url(ServiceRecord service, String scheme, String path) {
    String p = path == null ? "" : path.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (!URL_PATH.matcher(p).matches()) {
      return Optional.empty();
    }
    String finalPath = p;
    return service
        .urlHost()
        .map(host -> scheme + "://" + host + ":" + service.port() + "/" + finalPath);
  }
}
