package io.hearth.runtime.discovery;

import io.hearth.runtime.config.ConfigKey;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where discovery listens and announces ({@code discovery.interfaces}): {@code all} (every up,
 * multicast-capable interface but loopback), {@code loopback}, or interface names separated by
 * commas ({@code eth0,wlan0}). Read again whenever interfaces may have changed; never cached.
 */
public final class DiscoveryInterfaces {
  public static final ConfigKey<String> INTERFACES =
      ConfigKey.string(
          "discovery.interfaces",
          "Network interfaces discovery (mDNS, WS-Discovery, CoAP multicast) listens and announces"
              + " on: all (every up multicast interface but loopback), loopback, or interface"
              + " names separated by commas. hearth demo uses loopback, so a demo never"
              + " multicasts on a real network.",
          "all");

  private final String spec;

  private DiscoveryInterfaces(String spec) {
    this.spec = spec.trim().toLowerCase(Locale.ROOT);
  }

  /** Fails with a message naming the problem if the setting cannot be understood. */
  public static DiscoveryInterfaces of(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(
          "discovery.interfaces is empty: use all, loopback or interface names such as eth0");
    }
    return new DiscoveryInterfaces(spec);
  }

  public boolean all() {
    return spec.equals("all");
  }

  /** The interfaces chosen now: up, multicast-capable (loopback if asked), with an address. */
  public List<NetworkInterface> select() throws SocketException {
    Set<String> names = new LinkedHashSet<>();
    if (!all() && !spec.equals("loopback")) {
      for (String name : spec.split(",", -1)) {
        if (!name.isBlank()) {
          names.add(name.trim());
        }
      }
    }
    List<NetworkInterface> chosen = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp()
          || nic.getInetAddresses() == null
          || !nic.getInetAddresses().hasMoreElements()) {
        continue;
      }
      boolean wanted;
      if (all()) {
        wanted = !nic.isLoopback() && nic.supportsMulticast() && !nic.isPointToPoint();
      } else if (spec.equals("loopback")) {
        wanted = nic.isLoopback();
      } else {
        wanted = names.contains(nic.getName());
      }
      if (wanted) {
        chosen.add(nic);
      }
    }
    return chosen;
  }

  /** The addresses of the chosen interfaces (IPv4 and IPv6), for binding and announcing. */
  public List<InetAddress> addresses() throws SocketException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : select()) {
      addresses.addAll(Collections.list(nic.getInetAddresses()));
    }
    return addresses;
  }

  @Override
  public String toString() {
    return spec;
  }
}
