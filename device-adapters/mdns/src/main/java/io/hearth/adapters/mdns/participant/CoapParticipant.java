package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.discovery.Sighting;
import java.util.Map;
import java.util.Optional;

/** {@code _coap._udp}: a CoAP sensor, adoptable through the CoAP adapter. */
public final class CoapParticipant implements MdnsParticipant {
  @Override
  public String serviceType() {
    return "_coap._udp";
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    Map<String, String> details = Sightings.details(service);
    Sightings.url(service, "coap", "").ifPresent(u -> details.put("coap_url", u));
    // Adopted by the CoAP adapter, which reads the device's resources at this address.
    details.put(Inbox.ADOPT_WITH, "coap");
    return Sightings.of(service, Sighting.SENSOR, details, true);
  }
}
