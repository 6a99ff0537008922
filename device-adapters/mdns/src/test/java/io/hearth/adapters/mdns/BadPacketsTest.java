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
}
