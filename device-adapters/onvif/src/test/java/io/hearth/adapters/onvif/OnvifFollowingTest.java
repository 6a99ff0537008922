package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Move;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.PictureSizes;
import io.hearth.runtime.testing.TestNetwork;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following is earned, against real peers: two ONVIF cameras with real RTSP streams of different
 * picture sizes (garage 320x240, nursery 640x480), each on its own test network, and an impostor
 * that announces the garage's endpoint reference at the nursery's address. What the garage's viewer
 * receives is measured by picture size; what reached the impostor is what it logged.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OnvifFollowingTest {
  private static final Camera.Credentials RIGHT = SimulatedCamera.CREDENTIALS;

  @TempDir Path dir;

  @Test
  void anImpostorAtTheNurseryIsRefusedAndTheRealGarageMoveIsFollowed() throws Exception {
    try (TestNetwork garageNet = TestNetwork.create();
        TestNetwork nurseryNet = TestNetwork.create();
        OnvifHub hub =
            new OnvifHub(
                dir,
                garageNet.hostInterface() + "," + nurseryNet.hostInterface(),
                "onvif.probe-interval-seconds=2")) {
      // GIVEN two adopted cameras, and the owner's display watching only the garage
      SimulatedCamera garage = SimulatedCamera.sized(garageNet, dir, "Garage", 320, 240);
      SimulatedCamera nursery = SimulatedCamera.sized(nurseryNet, dir, "Nursery", 640, 480);
      Camera garageCam = adopt(hub, garage);
      adopt(hub, nursery);
      String garageUrl = garageCam.url().toString();
      PictureSizes viewer = new PictureSizes(garageCam.id());
      Await.get(hub.hub.context().switchboard().subscribe(garageCam, viewer));
      OnvifHub.eventually(() -> viewer.of(320, 240) >= 10, 20_000, "garage frames");

      // WHEN an impostor at the nursery's address announces the garage's endpoint reference
      String nurseryHost = nurseryNet.peerAddress().getHostAddress();
      SimulatedCamera impostor =
          SimulatedCamera.impostor(nurseryNet, dir, garage.uuid, "Garage", 8081, "FAKE-0001");

      // THEN the claim is refused: its serial is not the garage's, and it takes any password
      // (which of the two shows first depends on the random order of the check's questions)
      Discovered refused =
          hub.awaitEntry(
              garage.uuid, 15_000, d -> d.move() != null && Move.REFUSED.equals(d.move().check()));
      assertEquals(Discovered.MOVED, refused.state());
      assertEquals(nurseryHost, refused.move().to());
      String why = refused.move().reason();
      assertTrue(why.contains("serial") || why.contains("wrong password"), why);
      int before = viewer.total();
      OnvifHub.eventually(() -> viewer.total() >= before + 30, 20_000, "30 more frames");
      assertEquals(0, viewer.of(640, 480), viewer::toString);
      assertEquals(garageUrl, camera(hub, garageCam.id()).url().toString());
      assertNull(camera(hub, garageCam.id()).followedHost());
      assertNoCredentialReached(impostor, nursery);
      assertEquals(1, audited(hub, "discovery.move_refused", refused.id()));

      // WHEN the real garage camera moves to another address (same serial)
      impostor.stop();
      InetAddress moved = garageNet.movePeer(77);
      garage.awaitLog("HELLO " + moved.getHostAddress(), 10);
      long helloSeen = System.nanoTime();

      // THEN it is followed by itself, and the garage's pictures come from there
      String expected = "rtsp://" + moved.getHostAddress() + ":8554/cam";
      OnvifHub.eventually(
          () -> expected.equals(url(hub, garageCam.id())), 20_000, "the garage followed");
      System.err.printf(
          "ONVIF move proven and followed %d ms after its Hello was seen sent%n",
          (System.nanoTime() - helloSeen) / 1_000_000);
      assertEquals(moved.getHostAddress(), camera(hub, garageCam.id()).followedHost());
      int atMove = viewer.of(320, 240);
      OnvifHub.eventually(
          () -> viewer.of(320, 240) >= atMove + 20, 30_000, "frames from the new address");
      assertEquals(0, viewer.of(640, 480));
      assertTrue(audited(hub, "discovery.move_followed", refused.id()) >= 1);
      assertFalse(nursery.output().contains("RTSP-CLIENT"), nursery.output());
    }
  }

  private static void assertNoCredentialReached(SimulatedCamera impostor, SimulatedCamera nursery)
      throws Exception {
    String asked = impostor.output();
    assertTrue(asked.contains("BODY"), "the impostor was never asked to prove itself: " + asked);
    assertFalse(asked.contains("AUTHZ"), asked);
    assertFalse(asked.contains(SimulatedCamera.PASSWORD), "a plain password reached it");
    assertFalse(asked.contains("#PasswordText"), asked);
    assertTrue(asked.contains("#PasswordDigest"), asked);
    // The nursery's RTSP server was never connected to: nobody watches the nursery.
    assertFalse(nursery.output().contains("RTSP-CLIENT"), nursery.output());
  }

  private static Camera adopt(OnvifHub hub, SimulatedCamera cam) throws Exception {
    Discovered entry = hub.awaitEntry(cam.uuid, 5000, d -> true);
    Discovered adopted = Await.get(hub.inbox().adopt(OnvifHub.OWNER, entry.id(), null, RIGHT));
    return camera(hub, adopted.adoptedId());
  }

  private static Camera camera(OnvifHub hub, String id) throws Exception {
    return Await.get(hub.hub.context().cameras().get(id));
  }

  private static String url(OnvifHub hub, String id) {
    try {
      return camera(hub, id).url().toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static long audited(OnvifHub hub, String action, String target) throws Exception {
    List<JsonObject> page = Await.get(hub.hub.context().audit().page(0, 200));
    return page.stream()
        .filter(e -> action.equals(e.getString("action")) && target.equals(e.getString("target")))
        .count();
  }

  private static void assertNull(Object value) {
    assertEquals(null, value);
  }
}
