package io.hearth.adapters.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.HubContext;
import io.hearth.runtime.discovery.Announcements;
import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Avahi, an independent mDNS implementation, finds the hub's {@code _hearth._tcp} advert. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HubAdvertTest {
  @TempDir Path dir;

  @Test
  void avahiResolvesTheHubWithItsApiPortAndCertificateFingerprint() throws Exception {
    Peers.require("avahi-daemon", "avahi-daemon");
    Peers.require("avahi-browse", "avahi-utils");
    Peers.require("dbus-daemon", "dbus-daemon");
    Peers.require("unshare", "util-linux");
    try (TestNetwork net = TestNetwork.create();
        TestHub hub = new TestHub(dir, net.hostInterface())) {
      // GIVEN the API announced its port, as local-api's ApiModule does once it listens
      HubContext context = hub.hub.context();
      context
          .announcements()
          .announce(
              Announcements.hub(context.home(), context.version(), context.certificates(), 8443));
      String fp = context.certificates().fingerprint();
      // WHEN avahi browses for _hearth._tcp on the far side
      Path script = dir.resolve("avahi_browse.sh");
      try (InputStream in = getClass().getResourceAsStream("/avahi_browse.sh")) {
        Files.write(script, in.readAllBytes());
      }
      Path work = Files.createDirectories(dir.resolve("avahi"));
      Path log = dir.resolve("avahi.log");
      Process browse =
          ChildProcess.of("unshare", "-m", "sh", script.toString(), work.toString())
              .args("_hearth._tcp", "fp=" + fp)
              .inside(net)
              .log(log)
              .start()
              .process();
      assertTrue(browse.waitFor(30, TimeUnit.SECONDS), "avahi-browse did not finish in 30 s");
      String out = Files.readString(log);
      // THEN it resolved the hub at its address with the API port and the fingerprint
      assertEquals(0, browse.exitValue(), () -> "avahi did not find the hub: " + out);
      String line =
          out.lines()
              .filter(l -> l.startsWith("=") && l.contains("_hearth._tcp"))
              .findFirst()
              .orElse(null);
      assertNotNull(line, () -> "no resolved _hearth._tcp line: " + out);
      String[] fields = line.split(";", 10);
      assertEquals(net.hostAddress().getHostAddress(), fields[7], line);
      assertEquals("8443", fields[8], line);
      assertTrue(fields[9].contains("\"api_port=8443\""), line);
      assertTrue(fields[9].contains("\"fp=" + fp + "\""), line);
      assertTrue(fields[9].contains("\"hub_id=" + context.home().id() + "\""), line);
      assertTrue(fields[9].contains("\"version=" + context.version() + "\""), line);
    }
  }
}
