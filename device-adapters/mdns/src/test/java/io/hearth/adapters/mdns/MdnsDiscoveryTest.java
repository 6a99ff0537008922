package io.hearth.adapters.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
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

  @Test
  void eachServiceTypeIsReportedAsWhatItIsAndUntrustedTextIsCleaned() throws Exception {
    try (TestNetwork net = TestNetwork.create()) {
      // GIVEN a device announcing many services before the hub starts (found by querying)
      MdnsPeer.start(
          net,
          dir,
          "many",
          List.of(
              MdnsPeer.service("_coap._udp", "Hall sensor", 5683, Map.of("id", "S-1")),
              MdnsPeer.service("_mqtt._tcp", "Broker", 1883, Map.of()),
              MdnsPeer.service("_http._tcp", "shellyplus1-abc", 80, Map.of("gen", "2")),
              MdnsPeer.service("_http._tcp", "Printer", 631, Map.of("path", "/ipp")),
              MdnsPeer.service("_http._tcp", "Garage cam", 8080, Map.of("path", "/video.mjpg")),
              MdnsPeer.service("_hap._tcp", "Lamp", 51827, Map.of("id", "11:22:33:44:55:66")),
              MdnsPeer.service("_onvif._tcp", "Door cam", 80, Map.of("serial", "ON-9")),
              MdnsPeer.service(
                  "_rtsp._tcp",
                  "Yard\u0007 cam",
                  554,
                  Map.of("model", "X\u001b[31mred\u0000", "path", "a b"))));
      String peer = net.peerAddress().getHostAddress();
      try (TestHub hub = new TestHub(dir, net.hostInterface())) {
        // THEN each lands in the inbox as what it is
        Discovered coap = awaitIdentity(hub, "_coap._udp/id=s-1");
        assertEquals(Sighting.SENSOR, coap.sighting().kind());
        assertEquals("coap://" + peer + ":5683/", coap.sighting().details().get("coap_url"));
        assertTrue(coap.sighting().adoptable(), "a CoAP sensor is adoptable by the CoAP adapter");
        assertEquals("coap", coap.sighting().details().get(Inbox.ADOPT_WITH));
        Discovered broker = awaitIdentity(hub, "_mqtt._tcp/Broker");
        assertEquals(Sighting.OTHER, broker.sighting().kind());
        assertFalse(broker.sighting().adoptable());
        Discovered shelly = awaitIdentity(hub, "_http._tcp/shellyplus1-abc");
        assertEquals(Sighting.SENSOR, shelly.sighting().kind());
        Discovered mjpeg = awaitIdentity(hub, "_http._tcp/Garage cam");
        assertEquals(Sighting.CAMERA, mjpeg.sighting().kind());
        assertEquals(
            "http://" + peer + ":8080/video.mjpg", mjpeg.sighting().details().get("stream_url"));
        Discovered lamp = awaitIdentity(hub, "_hap._tcp/id=11:22:33:44:55:66");
        assertFalse(lamp.sighting().adoptable());
        assertTrue(lamp.sighting().details().get("note").contains("cannot adopt"));
        Discovered door = awaitIdentity(hub, "_onvif._tcp/serial=on-9");
        assertEquals(Sighting.CAMERA, door.sighting().kind());
        assertEquals(
            "http://" + peer + ":80/onvif/device_service", door.sighting().details().get("xaddrs"));
        // Control characters are gone; a path that is no URL path gives no stream URL.
        Discovered yard = awaitIdentity(hub, "_rtsp._tcp/Yard cam");
        assertEquals("X[31mred", yard.sighting().details().get("txt.model"));
        assertEquals(null, yard.sighting().details().get("stream_url"));
        assertFalse(yard.sighting().adoptable());
        // A printer is not a camera: it is not listed.
        assertTrue(
            hub.hub.context().inbox().list(true).stream()
                .noneMatch(d -> d.sighting().name().equals("Printer")));
        assertEquals(7, hub.hub.context().inbox().list(true).size());
      }
    }
  }

  private static Discovered awaitIdentity(TestHub hub, String identity) throws Exception {
    return hub.await(d -> d.sighting().identity().equals(identity), 3000)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no entry "
                        + identity
                        + " within 3 s: "
                        + hub.hub.context().inbox().list(true)));
  }
}
