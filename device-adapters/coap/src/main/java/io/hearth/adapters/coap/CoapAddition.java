package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.WebLink;
import io.hearth.runtime.device.SensorDevice;
import java.util.List;

/**
 * What adding a CoAP device by URL found: the Hearth devices registered (one per mapped resource),
 * the resources that map to no capability, each with its reason, and every link the device listed.
 */
public record CoapAddition(
    List<SensorDevice> devices, List<Unsupported> unsupported, List<WebLink> links) {

  public CoapAddition {
    devices = List.copyOf(devices);
    unsupported = List.copyOf(unsupported);
    links = List.copyOf(links);
  }

  /** A discovered resource Hearth does not report, and why. */
  public record Unsupported(String path, String title, boolean observable, String reason) {}
}
