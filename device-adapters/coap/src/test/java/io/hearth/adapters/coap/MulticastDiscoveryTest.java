package io.hearth.adapters.coap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multicast discovery against libcoap's coap-server on the far side of a {@link TestNetwork}: the
 * request goes out on the test network's veth only, never on a real interface.
 */
class MulticastDiscoveryTest {
  static final Principal OWNER = new Principal(PrincipalKind.MEMBER, "mem_o", "O", Role.OWNER, "t");

  /**
   * coap-server delays an answer to a multicast request by a random part of its leisure (RFC 7252
   * section 8.2; libcoap's default is 5 s), so an answer can take that long plus the round trip.
   */
  static final long ANSWER_WITHIN_MS = 8_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aServerOnTheTestNetworkIsListedInTheInboxAndCanBeAdopted() throws Exception {
    try (TestNetwork net = TestNetwork.create()) {
      String peer = startServer(net);
      try (TestHub hub = discoveringHub(net)) {
        Inbox inbox = hub.hub.context().inbox();

        Discovered entry = awaitEntry(inbox, peer + ":5683");

        assertEquals("coap", entry.protocol());
        assertTrue(entry.sighting().adoptable(), entry.toString());
        assertTrue(entry.sighting().details().get("resources").contains("/temperature"));
        Discovered adopted = Await.get(inbox.adopt(OWNER, entry.id(), "Attic", null));
        assertEquals(Discovered.ADOPTED, adopted.state());
        SensorDevice device = Await.get(hub.hub.context().devices().get(adopted.adoptedId()));
        assertEquals("coap://" + peer + ":5683/temperature", device.address());
      }
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void junkFromTheNetworkIsIgnoredAndDiscoveryGoesOn() throws Exception {
    Peers.require("python3", "python3");
    try (TestNetwork net = TestNetwork.create();
        TestHub hub = discoveringHub(net)) {
      Inbox inbox = hub.hub.context().inbox();
      MulticastDiscovery discovery = hub.module.discovery();
      // GIVEN the far side floods the hub's discovery sockets with what no CoAP server would send
      String host = net.hostAddress().getHostAddress();
      for (int port : discovery.ports()) {
        net.inside("python3", "-c", junk(host, port));
      }
      // WHEN a real server comes up and discovery asks again
      String peer = startServer(net);
      Await.get(discovery.discover());
      // THEN the server is listed, and the junk left no entry behind
      awaitEntry(inbox, peer + ":5683");
      assertEquals(
          List.of(peer + ":5683"),
          inbox.list(true).stream().map(d -> d.sighting().address()).toList());
    }
  }

  /**
   * A script sending random bytes, a datagram near the UDP maximum, a truncated CoAP header, and a
   * well-formed 2.05 answer with a token the hub never sent (naming a temperature resource).
   */
  private static String junk(String host, int port) {
    return "import socket,os\n"
        + "s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM)\n"
        + "a=('"
        + host
        + "',"
        + port
        + ")\n"
        + "s.sendto(os.urandom(1200),a)\n"
        + "s.sendto(b'\\x60\\x45'+os.urandom(65000),a)\n"
        + "s.sendto(b'\\x68\\x45\\x00',a)\n"
        + "s.sendto(b'\\x54\\x45\\x00\\x01WXYZ\\xc1\\x28\\xff</temperature>;title=\"Fake\"',a)\n";
  }

  /** Starts coap-server on the far side, in the CoAP group, with a temperature resource. */
  private String startServer(TestNetwork net) throws IOException, InterruptedException {
    Peers.require("coap-server-openssl", "libcoap3-bin");
    Peers.require("coap-client-openssl", "libcoap3-bin");
    String peer = net.peerAddress().getHostAddress();
    // Not bound to the peer address (-A): a socket bound to a unicast address gets no multicast.
    ChildProcess.of("coap-server-openssl", "-g", MulticastDiscovery.IPV4_GROUP, "-G", "eth0")
        .args("-d", "4")
        .inside(net)
        .log(dir.resolve("coap-server.log"))
        .start();
    // -d lets a PUT create a resource; one named temperature is one Hearth can adopt.
    try {
      Eventually.check(
          Duration.ofSeconds(5),
          "coap-server takes a PUT",
          () -> {
            net.inside(
                "coap-client-openssl",
                "-m",
                "put",
                "-e",
                "21.5",
                "coap://" + peer + "/temperature");
            return true;
          });
    } catch (AssertionError e) {
      throw new IOException(
          "coap-server did not come up: " + Files.readString(dir.resolve("coap-server.log")),
          e.getCause());
    }
    return peer;
  }

  private TestHub discoveringHub(TestNetwork net) {
    return new TestHub(
        dir,
        "coap.multicast-discovery=true",
        "coap.multicast-interface=" + net.hostInterface(),
        "coap.request-timeout-ms=2000");
  }

  private static Discovered awaitEntry(Inbox inbox, String address) throws InterruptedException {
    AtomicReference<Discovered> found = new AtomicReference<>();
    if (Eventually.holdsWithin(
        Duration.ofMillis(ANSWER_WITHIN_MS),
        () -> {
          inbox.list(false).stream()
              .filter(d -> d.sighting().address().equals(address))
              .findFirst()
              .ifPresent(found::set);
          return found.get() != null;
        })) {
      return found.get();
    }
    return fail(
        "no inbox entry for "
            + address
            + " within "
            + ANSWER_WITHIN_MS
            + " ms: "
            + inbox.list(true));
  }
}
