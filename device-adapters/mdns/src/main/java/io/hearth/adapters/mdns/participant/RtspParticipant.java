package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.CameraAdoption;
import io.hearth.runtime.discovery.Sighting;
import java.util.Map;
import java.util.Optional;

/** {@code _rtsp._tcp}: a camera at {@code rtsp://host:port/<TXT path>}, adoptable at once. */
public final class RtspParticipant implements MdnsParticipant {
  @Override
  public String serviceType() {
    return "_rtsp._tcp";
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    Map<String, String> details = Sightings.details(service);
    Optional<String> url = Sightings.url(service, "rtsp", service.txt("path"));
    url.ifPresent(u -> details.put(CameraAdoption.STREAM_URL, u));
    return Sightings.of(service, Sighting.CAMERA, details, url.isPresent());
  }
}
