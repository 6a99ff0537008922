package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.Sighting;
import java.util.Map;
import java.util.Optional;

/** {@code _mqtt._tcp}: an MQTT broker on the network, listed for information only. */
public final class MqttParticipant implements MdnsParticipant {
  @Override
  public String serviceType() {
    return "_mqtt._tcp";
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    Map<String, String> details = Sightings.details(service);
    Sightings.url(service, "mqtt", "").ifPresent(u -> details.put("broker_url", u));
    details.put("note", "MQTT broker: configure it in the mqtt section to use its sensors");
    return Sightings.of(service, Sighting.OTHER, details, false);
  }
}
