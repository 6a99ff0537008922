package io.hearth.adapters.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.rtsp.RtspModule;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Move;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import io.hearth.runtime.testing.PictureSizes;
import io.hearth.runtime.testing.TestNetwork;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following is earned, against real peers: two RTSP cameras announced over mDNS (garage 320x240
 * with Digest, nursery 640x480 with Basic, the same password), and an announcer that claims the
 * garage's identity at the nursery's address. mDNS proves nothing, so the garage stays where it is
 * until the owner confirms a move; what the garage's viewer receives is measured by picture size,
 * and what reached the nursery's address is what its relay recorded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MdnsFollowingTest {
  private static final Principal OWNER =
      new Principal(PrincipalKind.MEMBER, "mem_owner", "Owner", Role.OWNER, "tok_owner");
  private static final String USER = "admin";
  private static final String PASSWORD = "s3cret-Pa55";
  private static final Camera.Credentials CREDENTIALS = new Camera.Credentials(USER, PASSWORD);

  @TempDir Path dir;

  @Test
  void aClaimAtTheNurserysAddressMovesNothingAndTheOwnersConfirmationDoes() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        TestHub hub =
            new TestHub(
                dir, net.hostInterface(), List.of(new RtspModule()), "rtsp.transport=tcp")) {
      // GIVEN the garage and the nursery cameras, both adopted; a display watches the garage
      String garageAt = net.peerAddress().getHostAddress();
      String nurseryAt = address(net, 3);
      GstCamera garage = rtspCamera(net, "garage", garageAt, 240, "digest");
      GstCamera nursery = rtspCamera(net, "nursery", nurseryAt, 480, "basic");
      MdnsPeer garageAnnouncer = announce(net, "garage", garageAt, "Garage camera", "GARAGE-1");
      announce(net, "nursery", nurseryAt, "Nursery camera", "NURSERY-1");
      Discovered entry = adopt(hub, "garage-1");
      adopt(hub, "nursery-1");
      Camera garageCam = camera(hub, entry.adoptedId());
      String garageUrl = "rtsp://" + garageAt + ":8554/cam";
      assertEquals(garageUrl, garageCam.url().toString());
      PictureSizes viewer = new PictureSizes(garageCam.id());
      Await.get(hub.hub.context().switchboard().subscribe(garageCam, viewer));
      eventually(() -> viewer.of(320, 240) >= 10, 20_000, "garage frames");

      // WHEN another device announces the garage's identity at the nursery's address
      MdnsPeer attacker = announce(net, "attacker", nurseryAt, "Garage cam", "GARAGE-1");

      // THEN the inbox shows the claimed move, waiting for the owner; nothing moved
      Discovered claimed = await(hub, entry.id(), d -> isClaim(d, nurseryAt, Move.UNVERIFIED));
      assertEquals(garageAt + ":8554", claimed.move().from());
      int before = viewer.total();
      eventually(() -> viewer.total() >= before + 30, 20_000, "30 more frames");
      assertEquals(0, viewer.of(640, 480), viewer::toString);
      assertEquals(garageUrl, camera(hub, garageCam.id()).url().toString());
      assertEquals("", nursery.output().replace("READY", "").strip(), "reached the nursery");
      assertEquals(1, audited(hub, "discovery.move_unverified", entry.id()));

      // WHEN the owner declines that claim, the garage camera really moves, and the owner confirms
      // that move (the claim at the nursery's address is not made again)
      Await.get(hub.hub.context().cameraFollowing().decline(OWNER, entry.id()));
      assertEquals(
          garageAt + ":8554", hub.hub.context().inbox().get(entry.id()).get().sighting().address());
      attacker.stop();
      String movedTo = address(net, 77);
      GstCamera moved = rtspCamera(net, "garage-moved", movedTo, 240, "digest");
      garage.close();
      garageAnnouncer.command("move " + movedTo);
      await(hub, entry.id(), d -> isClaim(d, movedTo, Move.UNVERIFIED));
      Await.get(hub.hub.context().cameraFollowing().confirm(OWNER, entry.id()));

      // THEN the garage is followed there, its password only as a digest, still its own picture
      Camera followed = camera(hub, garageCam.id());
      assertEquals("rtsp://" + movedTo + ":8554/cam", followed.url().toString());
      assertEquals(movedTo, followed.followedHost());
      int atMove = viewer.of(320, 240);
      eventually(() -> viewer.of(320, 240) >= atMove + 20, 30_000, "frames from the new address");
      assertEquals(0, viewer.of(640, 480), viewer::toString);
      assertTrue(moved.output().contains("AUTHZ Digest"), moved.output());
      assertFalse(moved.output().contains("AUTHZ Basic"), moved.output());
      assertEquals(Discovered.ADOPTED, hub.hub.context().inbox().get(entry.id()).get().state());
      assertNull(hub.hub.context().inbox().get(entry.id()).get().move());
      assertEquals("", nursery.output().replace("READY", "").strip(), "reached the nursery");
    }
  }

  private static boolean isClaim(Discovered d, String host, String check) {
    return d.move() != null
        && d.move().to().equals(host + ":8554")
        && check.equals(d.move().check());
  }

  /**
   * A real camera (GStreamer) at {@code at}:8554/cam on the far side, {@code height} 240 (320x240)
   * or 480 (640x480), Basic or Digest, behind a relay that records every Authorization header.
   */
  private GstCamera rtspCamera(TestNetwork net, String name, String at, int height, String method)
      throws Exception {
    return GstCamera.builder()
        .size(height == 480 ? 640 : 320, height)
        .auth(method, USER, PASSWORD)
        .relay(at, 8554)
        .inside(net, dir.resolve("rtsp-" + name + ".log"))
        .start();
  }

  private MdnsPeer announce(TestNetwork net, String host, String at, String name, String id)
      throws Exception {
    return MdnsPeer.start(
        net,
        dir,
        host,
        at,
        List.of(MdnsPeer.service("_rtsp._tcp", name, 8554, Map.of("id", id, "path", "/cam"))));
  }

  private static String address(TestNetwork net, int lastOctet) throws Exception {
    String peer = net.peerAddress().getHostAddress();
    String added = peer.substring(0, peer.lastIndexOf('.') + 1) + lastOctet;
    net.inside("ip", "addr", "add", added + "/24", "dev", "eth0");
    return added;
  }

  private static Discovered adopt(TestHub hub, String id) throws Exception {
    Discovered entry =
        hub.await(d -> d.sighting().identity().equals("_rtsp._tcp/id=" + id), 5000)
            .orElseThrow(() -> new AssertionError("no inbox entry for " + id));
    return Await.get(hub.hub.context().inbox().adopt(OWNER, entry.id(), null, CREDENTIALS));
  }

  private static Discovered await(TestHub hub, String id, Predicate<Discovered> wanted)
      throws Exception {
    return hub.await(d -> d.id().equals(id) && wanted.test(d), 15_000)
        .orElseThrow(
            () -> new AssertionError("not as expected: " + hub.hub.context().inbox().get(id)));
  }

  private static Camera camera(TestHub hub, String id) throws Exception {
    return Await.get(hub.hub.context().cameras().get(id));
  }

  private static long audited(TestHub hub, String action, String target) throws Exception {
    List<JsonObject> page = Await.get(hub.hub.context().audit().page(0, 200));
    return page.stream()
        .filter(e -> action.equals(e.getString("action")) && target.equals(e.getString("target")))
        .count();
  }

  private static void eventually(BooleanSupplier condition, long ms, String what)
      throws InterruptedException {
    Eventually.within(Duration.ofMillis(ms), what, condition);
  }
}
