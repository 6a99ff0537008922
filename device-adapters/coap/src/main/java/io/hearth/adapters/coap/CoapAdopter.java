package io.hearth.adapters.coap;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Adopter;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;

/**
 * Adopts a CoAP device from the discovery inbox: adds it by its address as the owner would by URL
 * and answers the id of its first Hearth device (a device with none is refused with 422 and why).
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
        .map(added -> added.devices().get(0).id());
  }
}
