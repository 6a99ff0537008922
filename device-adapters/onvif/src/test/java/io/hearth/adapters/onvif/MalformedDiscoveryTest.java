package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.testing.TestNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile WS-Discovery traffic from the far side of a test network: every bad message is refused
 * (counted, logged), none lands in the inbox, no file leaks, and discovery goes on working.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedDiscoveryTest {
  private static final String SEND =
      """
      import socket,sys
      s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)
      s.setsockopt(socket.IPPROTO_IP,socket.IP_MULTICAST_TTL,1)
      s.sendto(open(sys.argv[1],'rb').read(),('239.255.255.250',3702))
      """;

  @TempDir Path dir;

  @Test
  void hostileMessagesAreRefusedAndDiscoveryGoesOn() throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-7f3a");
    try (TestNetwork net = TestNetwork.create();
        OnvifHub hub = new OnvifHub(dir, net.hostInterface())) {
      String peer = net.peerAddress().getHostAddress();
      String xaddr = "http://" + peer + ":8080/onvif/device_service";
      List<String> hostile =
          List.of(
              Hellos.billionLaughs("urn:uuid:laughs", xaddr),
              Hellos.externalEntity("urn:uuid:xxe", xaddr, secret.toString()),
              Hellos.helloInWrongNamespace("urn:uuid:impostor", xaddr),
              Hellos.hello("urn:uuid:truncated", "Cut", xaddr).substring(0, 300),
              Hellos.hello("urn:uuid:big", "B".repeat(60_000), xaddr),
              "\u0000\u00ff garbage, not XML at all",
              Hellos.probeMatches("urn:uuid:never-sent", "urn:uuid:unasked", "Unasked", xaddr),
              Hellos.hello(
                  "urn:uuid:elsewhere", "Elsewhere", "http://192.0.2.10/onvif/device_service"));

      // WHEN the far side multicasts each of them
      for (int i = 0; i < hostile.size(); i++) {
        send(net, "bad-" + i, hostile.get(i));
      }

      // THEN each is refused, and none is in the inbox
      OnvifHub.eventually(
          () -> hub.module.refusedMessages() >= hostile.size(),
          5000,
          "every hostile message is refused");
      assertEquals(hostile.size(), hub.module.refusedMessages());
      assertEquals(List.of(), hub.inbox().list(true));

      // AND discovery still works: a good Hello, then a real (simulated) camera
      send(net, "good", Hellos.hello("urn:uuid:good", "Good", xaddr));
      Discovered good = hub.awaitEntry("urn:uuid:good", 3000, d -> true);
      assertEquals("Good", good.sighting().name());
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Hall", false);
      hub.awaitEntry(cam.uuid, 3000, d -> true);
      for (Discovered d : hub.inbox().list(true)) {
        assertFalse(d.toJson().encode().contains("TOP-SECRET"), d.toJson().encode());
      }
      assertEquals(hostile.size(), hub.module.refusedMessages());
      assertTrue(hub.inbox().list(true).size() == 2, hub.inbox().list(true).toString());
    }
  }

  private void send(TestNetwork net, String name, String message) throws IOException {
    Path file = dir.resolve(name + ".xml");
    Files.write(file, message.getBytes(StandardCharsets.UTF_8));
    net.inside(SimulatedCamera.PYTHON, "-c", SEND, file.toString());
  }
}
