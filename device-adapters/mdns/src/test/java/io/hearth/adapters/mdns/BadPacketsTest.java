package io.hearth.adapters.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Sighting;
import io.hearth.runtime.testing.TestNetwork;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and oversized mDNS packets from the network neither hang nor break discovery. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadPacketsTest {
  @TempDir Path dir;

  @Test
  void discoveryStillWorksAfterMalformedPacketsAndBoundsAHugeTxt() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        TestHub hub = new TestHub(dir, net.hostInterface())) {
      MdnsPeer peer = MdnsPeer.start(net, dir, "noisy", List.of());
      // GIVEN truncated packets, compression loops, lying lengths and 9000-byte datagrams
      for (int i = 0; i < 5; i++) {
        peer.command("junk");
      }
      // WHEN a device then announces a camera with 30 TXT entries of 250 bytes
      Map<String, String> txt = new HashMap<>();
      for (int i = 0; i < 30; i++) {
        txt.put(String.format("k%02d", i), "v".repeat(250));
      }
      txt.put("path", "stream");
      peer.command("add " + MdnsPeer.service("_rtsp._tcp", "After the storm", 554, txt).encode());
      // THEN it is listed within 3 s, its details bounded
      Discovered entry =
          hub.await(d -> d.sighting().name().equals("After the storm"), 3000)
              .orElseThrow(() -> new AssertionError("discovery stopped after malformed packets"));
      assertTrue(peer.alive());
      Map<String, String> details = entry.sighting().details();
      assertTrue(details.size() <= Sighting.MAX_DETAILS, details::toString);
      assertTrue(details.values().stream().allMatch(v -> v.length() <= Sighting.MAX_TEXT));
      assertEquals(
          "rtsp://" + net.peerAddress().getHostAddress() + ":554/stream",
          details.get("stream_url"));
      // AND the hub's inbox holds nothing the junk claimed
      assertEquals(
          1,
          hub.hub.context().inbox().list(true).size(),
          () -> hub.hub.context().inbox().list(true).toString());
    }
  }

  /**
   * An AAAA record holding 4 bytes makes JmDNS build an IPv4 address where it later casts to IPv6
   * (found by MdnsFuzzTest's long run); named like a service type the hub browses, the record
   * reaches that cast on JmDNS's listener thread, which survives only IOExceptions.
   */
  @Test
  void anAaaaRecordOfFourBytesDoesNotStopDiscovery() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        TestHub hub = new TestHub(dir, net.hostInterface())) {
      MdnsPeer peer = MdnsPeer.start(net, dir, "after", List.of());
      for (String type : List.of("_rtsp._tcp", "_onvif._tcp", "_http._tcp", "_hearth._tcp")) {
        for (String name : List.of(type + ".local", "Cam." + type + ".local")) {
          net.inside("python3", "-c", fourByteAaaa(name));
        }
      }
      peer.command(
          "add " + MdnsPeer.service("_rtsp._tcp", "Still listening", 554, Map.of()).encode());
      Discovered entry =
          hub.await(d -> d.sighting().name().equals("Still listening"), 5000)
              .orElseThrow(
                  () -> new AssertionError("discovery stopped after a 4-byte AAAA record"));
      assertEquals("Still listening", entry.sighting().name());
    }
  }

  /** A Python one-liner sending one mDNS answer: {@code name} AAAA with 4 bytes of data. */
  private static String fourByteAaaa(String name) {
    StringBuilder labels = new StringBuilder();
    for (String label : name.split("\\.")) {
      labels.append("bytes([").append(label.length()).append("])+b'").append(label).append("'+");
    }
    return "import socket,struct;"
        + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);"
        + "s.setsockopt(socket.IPPROTO_IP,socket.IP_MULTICAST_TTL,1);"
        + "p=struct.pack('>HHHHHH',0,0x8400,0,1,0,0)+"
        + labels
        + "b'\\x00'+struct.pack('>HHIH',28,1,120,4)+bytes([10,0,0,9]);"
        + "s.sendto(p,('224.0.0.251',5353))";
  }
}
