package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.Sighting;
import java.util.Map;
import java.util.Optional;

/** {@code _hap._tcp}: a HomeKit accessory. Hearth cannot adopt it; it is listed so owners know. */
public final class HomeKitParticipant implements MdnsParticipant {
  @Override
  public String serviceType() {
    return "_hap._tcp";
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    Map<String, String> details = Sightings.details(service);
    details.put(
        "note",
        "HomeKit accessory: Hearth cannot adopt it (HomeKit pairing is not supported); pair it"
            + " with a HomeKit controller");
    return Sightings.of(service, Sighting.OTHER, details, false);
  }
}
