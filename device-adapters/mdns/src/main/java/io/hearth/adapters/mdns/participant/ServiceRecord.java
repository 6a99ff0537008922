package io.hearth.adapters.mdns.participant;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One resolved DNS-SD service as the network announced it, free of the mDNS library: its type
 * ({@code _rtsp._tcp}), instance name, port, addresses (IPv4 first, the most recently announced
 * first) and TXT records (keys lowercase, values cleaned by {@link TxtRecords}). Untrusted.
 */
public record ServiceRecord(
    String type,
    String name,
    String server,
    int port,
    List<InetAddress> addresses,
    Map<String, String> txt) {

  /** TXT keys that name the device itself, in the order they are trusted to identify it. */
  static final List<String> IDENTITY_KEYS = List.of("mac", "id", "deviceid", "serial", "sn");

  public ServiceRecord {
    type = normalType(type);
    addresses = List.copyOf(addresses);
    txt = Map.copyOf(txt);
  }

  /** {@code _rtsp._tcp} out of {@code _rtsp._tcp.local.} or {@code _RTSP._tcp}. */
  public static String normalType(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.endsWith(".local") ? t.substring(0, t.length() - ".local".length()) : t;
  }

  /**
   * What stays the same when the device moves: a MAC, id or serial TXT record if it has one, else
   * its instance name; with the service type, so two services of one device stay two entries.
   */
  public String identity() {
    for (String key : IDENTITY_KEYS) {
      String value = txt.get(key);
      if (value != null && !value.isBlank()) {
        return type + "/" + key + "=" + value.toLowerCase(Locale.ROOT);
      }
    }
    return type + "/" + name;
  }

  /** The address to reach it at: the first IPv4 address, else the first IPv6 one. */
  public Optional<InetAddress> address() {
    return addresses.isEmpty() ? Optional.empty() : Optional.of(addresses.get(0));
  }

  /** The host as it goes into a URL: {@code 10.0.0.5} or {@code [fe80::1%eth0]}. */
  public Optional<String> urlHost() {
    return address().map(ServiceRecord::urlHost);
  }

  /** {@code host:port} for {@link io.hearth.runtime.discovery.Sighting#address()}. */
  public Optional<String> hostAndPort() {
    return urlHost().map(h -> h + ":" + port);
  }

  static String urlHost(InetAddress address) {
    String text = address.getHostAddress();
    if (address instanceof Inet6Address) {
      return "[" + text.replace("%", "%25") + "]";
    }
    return text;
  }

  /** A TXT value, or null. */
  public String txt(String key) {
    return txt.get(key);
  }
}
