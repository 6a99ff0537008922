package io.hearth.adapters.coap;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.discovery.Adopter;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;
import java.util.List;
import java.util.Set;

/**
 * Adopts a CoAP device from the discovery inbox: adds it by its address as the owner would by URL
 * and answers the id of its main Hearth device: the first whose resource the hub recognised (a
 * temperature, a switch), else the first generic value (a device with none is refused with 422).
 * Multicast finds plain {@code coap://} devices only (DTLS does not work over multicast), so
 * credentials are not used.
 */
final class CoapAdopter implements Adopter {
  private final CoapDevices devices;

  CoapAdopter(CoapDevices devices) {
    this.devices = devices;
  }

  @Override
  public Future<String> adopt(
      Principal owner, Discovered entry, String name, Camera.Credentials credentials) {
    String address = entry.sighting().address();
    // A device with no readable resource fails with 422 and says why; one with any has a device.
    return devices
        .addDetailed(name, CoapSightings.url(address), null)
        .map(added -> main(added.devices()).id());
  }

  /** A recognised resource before a generic one (libcoap's "/" is a text of general info). */
  static SensorDevice main(List<SensorDevice> added) {
    return added.stream()
        .filter(d -> d.capabilities().stream().anyMatch(c -> !GENERIC.contains(c)))
        .findFirst()
        .orElse(added.get(0));
  }

  private static final Set<Capability> GENERIC = Set.of(Capability.VALUE, Capability.TEXT);
}
