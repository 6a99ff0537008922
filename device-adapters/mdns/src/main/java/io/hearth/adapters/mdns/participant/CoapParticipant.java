package io.hearth.adapters.mdns.participant;

import io.hearth.adapters.mdns.MdnsParticipant;
import io.hearth.adapters.mdns.ServiceRecord;
import io.hearth.runtime.discovery.Sighting;
import java.util.Map;
import java.util.Optional;

/** {@code _coap._udp}: a CoAP sensor, with the URL to add it by ({@code coap_url}). */
public final class CoapParticipant implements MdnsParticipant {
  @Override
  public String serviceType() {
    return "_coap._udp";
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    Map<String, String> details = Sightings.details(service);
    Sightings.url(service, "coap", "").ifPresent(u -> details.put("coap_url", u));
    details.put("note", "CoAP device: add it with POST /api/v1/devices and its coap_url");
    return Sightings.of(service, Sighting.SENSOR, details, false);
  }
}
