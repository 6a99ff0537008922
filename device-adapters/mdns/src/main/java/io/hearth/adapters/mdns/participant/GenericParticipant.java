package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.Sighting;
import java.util.Optional;

/** A service type the owner asked to browse ({@code mdns.service-types}): listed, not adopted. */
public final class GenericParticipant implements MdnsParticipant {
  private final String type;

  public GenericParticipant(String type) {
    this.type = ServiceRecord.normalType(type);
  }

  @Override
  public String serviceType() {
    return type;
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    return Sightings.of(service, Sighting.OTHER, Sightings.details(service), false);
  }
}
