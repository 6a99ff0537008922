package io.hearth.runtime.discovery;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One device seen on the network by one discovery protocol, as it describes itself. Nothing in it
 * is trusted: a name, a model or a stream URL is only what the device claims.
 *
 * @param protocol the discovery protocol ({@code mdns}, {@code onvif}, {@code coap}, {@code mqtt})
 * @param identity what stays the same when the device's address changes: a MAC address, a serial
 *     number, an ONVIF endpoint reference, an mDNS instance name; never an IP address
 * @param kind what the device is to the hub: {@link #CAMERA}, {@link #SENSOR} or {@link #OTHER}
 * @param name the name it announces
 * @param address where it was seen: {@code host} or {@code host:port} (IPv6 in brackets)
 * @param details what else it announced (service type, model, TXT records, stream URL, ...)
 * @param adoptable whether the hub can adopt it (a HomeKit accessory, say, is only reported)
 */
public record Sighting(
    String protocol,
    String identity,
    String kind,
    String name,
    String address,
    Map<String, String> details,
    boolean adoptable) {
  public static final String CAMERA = "camera";
  public static final String SENSOR = "sensor";
  public static final String OTHER = "other";

  /** Longest name, address or detail value kept; longer ones are cut. */
  public static final int MAX_TEXT = 256;

  /** Most details kept per sighting. */
  public static final int MAX_DETAILS = 32;

  public Sighting {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(kind, "kind");
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("a sighting needs an identity that is not its address");
    }
    identity = cut(identity);
    name = cut(name == null || name.isBlank() ? identity : name);
    address = cut(Objects.requireNonNull(address, "address"));
    Map<String, String> kept = new TreeMap<>();
    if (details != null) {
      for (Map.Entry<String, String> e : new TreeMap<>(details).entrySet()) {
        if (kept.size() >= MAX_DETAILS) {
          break;
        }
        if (e.getKey() != null && e.getValue() != null) {
          kept.put(cut(e.getKey()), cut(e.getValue()));
        }
      }
    }
    details = Map.copyOf(kept);
  }

  /** The host part of {@link #address()} (without brackets or port). */
  public String host() {
    return hostOf(address);
  }

  static String hostOf(String address) {
    if (address.startsWith("[")) {
      int end = address.indexOf(']');
      return end < 0 ? address.substring(1) : address.substring(1, end);
    }
    int colon = address.indexOf(':');
    return colon >= 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
  }

  private static String cut(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > MAX_TEXT ? clean.substring(0, MAX_TEXT) : clean;
  }
}
