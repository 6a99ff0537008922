package io.hearth.adapters.mdns.participant;

import io.hearth.runtime.discovery.CameraAdoption;
import io.hearth.runtime.discovery.Sighting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code _http._tcp}, which printers, routers and NAS boxes announce too, so only two kinds are
 * reported: an MJPEG camera (a TXT {@code path} that looks like a video stream: {@code mjpeg},
 * {@code mjpg}, {@code video}, {@code stream}) with its {@code stream_url}, and a Shelly device
 * (TXT {@code gen} or {@code app}, or a name starting {@code shelly}) as a sensor.
 */
public final class HttpParticipant implements MdnsParticipant {
  private static final List<String> STREAM_HINTS = List.of("mjpeg", "mjpg", "video", "stream");

  @Override
  public String serviceType() {
    return "_http._tcp";
  }

  @Override
  public Optional<Sighting> sighting(ServiceRecord service) {
    String path = service.txt("path");
    if (path != null && looksLikeStream(path)) {
      Map<String, String> details = Sightings.details(service);
      Optional<String> url = Sightings.url(service, "http", path);
      url.ifPresent(u -> details.put(CameraAdoption.STREAM_URL, u));
      return Sightings.of(service, Sighting.CAMERA, details, url.isPresent());
    }
    if (isShelly(service)) {
      Map<String, String> details = Sightings.details(service);
      Sightings.url(service, "http", "").ifPresent(u -> details.put("url", u));
      details.put("note", "Shelly device: Hearth lists it; its HTTP API is not adapted yet");
      return Sightings.of(service, Sighting.SENSOR, details, false);
    }
    return Optional.empty();
  }

  private static boolean looksLikeStream(String path) {
    String p = path.toLowerCase(Locale.ROOT);
    return STREAM_HINTS.stream().anyMatch(p::contains);
  }

  private static boolean isShelly(ServiceRecord service) {
    return service.txt("gen") != null
        || service.txt("app") != null
        || service.name().toLowerCase(Locale.ROOT).startsWith("shelly");
  }
}
