package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.ResourceMap;
import io.hearth.adapters.coap.codec.WebLink;
import io.hearth.runtime.discovery.Sighting;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.coap.CoAP;

/**
 * How a CoAP device appears in the hub's discovery inbox: the same {@link Sighting} whether it
 * answered multicast discovery or the owner added it by URL, so one device is listed once.
 */
final class CoapSightings {
  private CoapSightings() {}

  /**
   * The sighting of the device at {@code address} ({@code host:port}, IPv6 in brackets) serving
   * {@code links}.
   */
  static Sighting of(String address, List<WebLink> links) {
    String name = address;
    String endpoint = null;
    StringBuilder resources = new StringBuilder();
    StringBuilder supported = new StringBuilder();
    for (WebLink link : links) {
      if (name.equals(address) && !link.title().isBlank()) {
        name = link.title();
      }
      if (endpoint == null && link.attribute("ep").filter(ep -> !ep.isBlank()).isPresent()) {
        endpoint = link.attribute("ep").get();
      }
      append(resources, link.target());
      if (ResourceMap.map(link).capability().isPresent()) {
        append(supported, link.target());
      }
    }
    // CoAP has no stable identity of its own: only an endpoint name (ep, RFC 9176) survives a new
    // address. Without one the address is all there is, and a moved device is listed anew.
    String identity = endpoint != null ? "ep:" + endpoint : address;
    return new Sighting(
        CoapDevices.PROTOCOL,
        identity,
        Sighting.SENSOR,
        name,
        address,
        Map.of("resources", resources.toString(), "supported", supported.toString()),
        supported.length() > 0);
  }

  /** The inbox address ({@code host:port}) of a device URL such as {@code coap://host/}. */
  static String address(URI base) {
    String host = base.getHost();
    int port = base.getPort();
    if (port < 0) {
      port =
          "coaps".equals(base.getScheme()) ? CoAP.DEFAULT_COAP_SECURE_PORT : CoAP.DEFAULT_COAP_PORT;
    }
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The URL to add a discovered device by: its address was {@code host:port}. */
  static URI url(String address) {
    return URI.create("coap://" + address);
  }

  /** Appends a path, keeping the list within what the inbox keeps of one detail. */
  private static void append(StringBuilder list, String path) {
    if (list.length() + path.length() + 1 > Sighting.MAX_TEXT) {
      return;
    }
    list.append(list.length() == 0 ? "" : ",").append(path);
  }
}
