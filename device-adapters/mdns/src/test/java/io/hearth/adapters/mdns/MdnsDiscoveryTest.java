package io.hearth.adapters.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Sighting;
import io.hearth.runtime.testing.TestNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Devices announced by a real mDNS responder on a private network land in the inbox. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MdnsDiscoveryTest {
  @TempDir Path dir;

  @Test
  void anAnnouncedCameraIsInTheInboxWithinThreeSecondsAndFollowedWhenItMoves() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        TestHub hub = new TestHub(dir, net.hostInterface())) {
      // GIVEN a hub listening on the test network; WHEN a camera appears and announces itself
      long appeared = System.nanoTime();
      MdnsPeer camera =
          MdnsPeer.start(
              net,
              dir,
              "porch-cam",
              List.of(
                  MdnsPeer.service(
                      "_rtsp._tcp",
                      "Porch camera",
                      8554,
                      Map.of("path", "/live/main", "mac", "AA:BB:CC:00:11:22"))));
      String peer = net.peerAddress().getHostAddress();
      // THEN its entry is there within 3 s, a camera with its stream URL, keyed by its MAC
      Discovered entry =
          hub.await(d -> d.sighting().identity().contains("aa:bb:cc:00:11:22"), 3000)
              .orElseThrow(() -> new AssertionError("no inbox entry within 3 s"));
      assertTrue(System.nanoTime() - appeared < TimeUnit.SECONDS.toNanos(3));
      assertEquals("mdns", entry.protocol());
      assertEquals("_rtsp._tcp/mac=aa:bb:cc:00:11:22", entry.sighting().identity());
      assertEquals(Sighting.CAMERA, entry.sighting().kind());
      assertEquals("Porch camera", entry.sighting().name());
      assertEquals(peer + ":8554", entry.sighting().address());
      assertEquals(
          "rtsp://" + peer + ":8554/live/main", entry.sighting().details().get("stream_url"));
      assertTrue(entry.sighting().adoptable());

      // WHEN it moves to another address and announces again
      String moved = net.movePeer(77).getHostAddress();
      camera.command("move " + moved);
      // THEN the same entry gets the new address within 10 s
      Discovered after =
          hub.await(d -> d.id().equals(entry.id()) && d.sighting().host().equals(moved), 10_000)
              .orElseThrow(() -> new AssertionError("the entry did not follow the move"));
      assertEquals(moved + ":8554", after.sighting().address());
      List<Discovered> all = hub.hub.context().inbox().list(true);
      assertEquals(1, all.size(), () -> "one entry expected: " + all);
    }
  }
}
