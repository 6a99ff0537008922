package io.hearth.adapters.coap;

import io.hearth.runtime.HubException;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Adopter;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;
import java.util.stream.Collectors;

/**
 * Adopts a CoAP device from the discovery inbox: adds it by its address as the owner would by URL
 * and answers the id of its first Hearth device. Multicast finds plain {@code coap://} devices only
 * (DTLS does not work over multicast), so credentials are not used.
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
    return devices
        .addDetailed(name, CoapSightings.url(address), null)
        .compose(
            added -> {
              if (added.devices().isEmpty()) {
                return Future.failedFuture(notAdoptable(address, added));
              }
              return Future.succeededFuture(added.devices().get(0).id());
            });
  }

  private static HubException notAdoptable(String address, CoapAddition added) {
    String found =
        added.unsupported().stream()
            .map(CoapAddition.Unsupported::path)
            .collect(Collectors.joining(", "));
    return new HubException(
        422,
        "not_adoptable",
        "the CoAP device at "
            + address
            + " offers "
            + (found.isEmpty() ? "no resources" : "the resources " + found)
            + ", none of which is a supported sensor type: Hearth reads resources whose rt, if,"
            + " title or path names one (temperature, humidity, motion, switch, ...)");
  }
}
