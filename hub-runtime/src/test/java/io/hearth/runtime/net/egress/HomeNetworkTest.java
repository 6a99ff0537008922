package io.hearth.runtime.net.egress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class HomeNetworkTest {
  private final HomeNetwork fixed = HomeNetwork.fixedRangesOnly();

  @Test
  void theHomeRangesAreHome() throws Exception {
    for (String a :
        List.of(
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.254",
            "192.168.1.20",
            "169.254.10.1",
            "224.0.0.251",
            "239.255.255.250",
            "::1",
            "fe80::1",
            "fd12:3456::7",
            "ff02::fb")) {
      assertTrue(fixed.contains(InetAddress.getByName(a)), a);
    }
  }

  @Test
  void everythingElseIsOutside() throws Exception {
    for (String a :
        List.of(
            "8.8.8.8",
            "172.32.0.1",
            "172.15.255.255",
            "192.169.0.1",
            "198.51.100.7",
            "100.64.0.1",
            "2001:db8::1",
            "2a00:1450:4001::1")) {
      assertFalse(fixed.contains(InetAddress.getByName(a)), a);
    }
  }
}
