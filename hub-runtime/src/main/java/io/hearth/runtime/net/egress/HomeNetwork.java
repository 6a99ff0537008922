package io.hearth.runtime.net.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which addresses are the home network: loopback, link-local, the private IPv4 ranges (RFC 1918),
 * IPv6 unique-local addresses (fc00::/7), multicast, and every prefix the hub's own interfaces are
 * on (so a camera at a global IPv6 address of the household's LAN is home too). Everything else is
 * outside, and the hub reaches it only through {@link Egress}.
 */
final class HomeNetwork {
  private final List<InterfaceAddress> onLink;

  private HomeNetwork(List<InterfaceAddress> onLink) {
    this.onLink = List.copyOf(onLink);
  }

  /** The home as this machine's interfaces see it now. Blocking (it lists the interfaces). */
  public static HomeNetwork ofThisMachine() {
    List<InterfaceAddress> prefixes = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nic.isUp()) {
          prefixes.addAll(nic.getInterfaceAddresses());
        }
      }
    } catch (SocketException e) {
      // no interface list: only the fixed ranges count as home
    }
    return new HomeNetwork(prefixes);
  }

  /** Only the fixed ranges, without this machine's prefixes (for tests). */
  public static HomeNetwork fixedRangesOnly() {
    return new HomeNetwork(List.of());
  }

  public boolean contains(InetAddress address) {
    return alwaysHome(address) || onLink.stream().anyMatch(p -> within(address, p));
  }

  static boolean alwaysHome(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isMulticastAddress()
        || a.isAnyLocalAddress()
        || a.isSiteLocalAddress()) {
      return true; // isSiteLocalAddress: 10/8, 172.16/12, 192.168/16 (and fec0::/10)
    }
    return a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc; // fc00::/7
  }

  private static boolean within(InetAddress address, InterfaceAddress prefix) {
    InetAddress net = prefix.getAddress();
    if (net == null || (address instanceof Inet4Address) != (net instanceof Inet4Address)) {
      return false;
    }
    int bits = prefix.getNetworkPrefixLength();
    if (bits <= 0 || (net instanceof Inet4Address && bits < 8)) {
      return false; // a default route's "prefix" is not the home
    }
    byte[] a = address.getAddress();
    byte[] b = net.getAddress();
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
        return false;
      }
    }
    return true;
  }
}
