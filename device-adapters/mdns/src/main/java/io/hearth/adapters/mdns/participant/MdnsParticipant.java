package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.Sighting;
import java.util.Optional;

/**
 * Turns resolved services of one DNS-SD type into discovery sightings. The mDNS module browses
 * every participant's type; adapters can add their own through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.hearth.adapters.mdns.MdnsParticipant}). Plain Java, no library
 * types: a participant sees only the untrusted {@link ServiceRecord}.
 */
public interface MdnsParticipant {
  /** The protocol of the sightings this participant reports. */
  String PROTOCOL = "mdns";

  /** The service type it understands, such as {@code _rtsp._tcp}. */
  String serviceType();

  /** What the service is to the hub, or empty when it is of no interest. */
  Optional<Sighting> sighting(ServiceRecord service);
}
