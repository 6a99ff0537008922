package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.Sighting;
import java.util.Map;
import java.util.Optional;

/**
 * {@code _onvif._tcp}: a camera that speaks ONVIF. Only where to reach it (host, XAddrs) is
 * reported; its stream URI needs ONVIF with credentials, so it is adopted from its ONVIF entry.
 */
public final class OnvifParticipant implements MdnsParticipant {
  @Override
  public String serviceType() {
    return "_onvif._tcp";
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    Map<String, String> details = Sightings.details(service);
    service.urlHost().ifPresent(host -> details.put("host", host));
    String xaddrs = service.txt("xaddrs");
    if (xaddrs == null) {
      xaddrs = Sightings.url(service, "http", "onvif/device_service").orElse(null);
    }
    if (xaddrs != null) {
      details.put("xaddrs", xaddrs);
    }
    details.put(
        "note", "ONVIF camera: adopt it from its ONVIF entry, which asks it for its stream URI");
    return Sightings.of(service, Sighting.CAMERA, details, false);
  }
}
