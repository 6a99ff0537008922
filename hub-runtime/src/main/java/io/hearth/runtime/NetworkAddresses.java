package io.hearth.runtime;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The host's names and addresses the hub answers on: loopback plus every address of an up NIC. */
public final class NetworkAddresses {
  private NetworkAddresses() {}

  public static List<InetAddress> all() {
    List<InetAddress> addresses = new ArrayList<>();
    addresses.add(InetAddress.getLoopbackAddress());
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (nic.isUp()) {
          for (InetAddress address : Collections.list(nic.getInetAddresses())) {
            if (!address.isLinkLocalAddress() && !addresses.contains(address)) {
              addresses.add(address);
            }
          }
        }
      }
    } catch (SocketException e) {
      // No interfaces readable: loopback alone still serves the local API.
    }
    return addresses;
  }

  /** localhost, the host name and its .local mDNS name, plus configured extras. */
  public static Set<String> hostNames(String extra) {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (!host.isBlank() && !host.contains(":")) {
        names.add(host);
        names.add(host.contains(".") ? host : host + ".local");
      }
    } catch (UnknownHostException e) {
      // Unnamed host: localhost and addresses remain.
    }
    for (String name : extra.split(",")) {
      if (!name.isBlank()) {
        names.add(name.trim());
      }
    }
    return names;
  }
}
