package io.hearth.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.RecordingViewer;
import io.hearth.runtime.testing.TestNetwork;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against a simulated ONVIF camera in a network namespace, with GStreamer's RTSP server
 * as its stream: discovery, adoption with the right and the wrong credentials, live H.264 through
 * the switchboard, and following the camera when its address changes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnvifAdoptionTest {
  private static final Camera.Credentials RIGHT = SimulatedCamera.CREDENTIALS;

  @TempDir Path dir;

  @Test
  void discoveredAdoptedStreamedAndFollowedToANewAddress() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        OnvifHub hub = new OnvifHub(dir, net.hostInterface())) {
      // GIVEN a camera that joins the network after the hub (it says Hello)
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Porch", true);
      Discovered entry = hub.awaitEntry(cam.uuid, 3000, d -> true);
      String peer = net.peerAddress().getHostAddress();
      assertEquals(peer, entry.sighting().address());
      assertEquals("Porch", entry.sighting().name());
      assertEquals("SimCam-1", entry.sighting().details().get("hardware"));
      assertEquals(
          "http://" + peer + ":8080/onvif/device_service",
          entry.sighting().details().get(Sightings.XADDRS));

      // WHEN the owner adopts it with the right credentials
      Discovered adopted = Await.get(hub.inbox().adopt(OnvifHub.OWNER, entry.id(), null, RIGHT));
      Camera camera = Await.get(hub.hub.context().cameras().get(adopted.adoptedId()));
      assertEquals("rtsp://" + peer + ":8554/cam", camera.url().toString());
      assertEquals(RIGHT, camera.credentials());
      assertFalse(camera.toJson().encode().contains(SimulatedCamera.PASSWORD));

      // THEN its live stream delivers H.264 through the switchboard
      RecordingViewer viewer = new RecordingViewer(camera.id());
      Await.get(hub.hub.context().switchboard().subscribe(camera, viewer));
      OnvifHub.eventually(
          () -> viewer.keyframes(Codec.H264) >= 1 && viewer.frames(Codec.H264) >= 10,
          15_000,
          "H.264 frames arrive");

      // WHEN the camera moves to another address and announces itself there
      InetAddress moved = net.movePeer(77);
      cam.awaitLog("HELLO " + moved.getHostAddress(), 5);

      // THEN the same inbox entry and the camera's URL follow it, and the stream works again
      Discovered after =
          hub.awaitEntry(
              cam.uuid, 10_000, d -> d.sighting().address().equals(moved.getHostAddress()));
      assertEquals(entry.id(), after.id());
      OnvifHub.eventually(
          () -> url(hub, camera.id()).equals("rtsp://" + moved.getHostAddress() + ":8554/cam"),
          10_000,
          "the camera's URL follows it to " + moved);
      int before = viewer.frames(Codec.H264);
      OnvifHub.eventually(
          () -> viewer.frames(Codec.H264) >= before + 10,
          20_000,
          "frames arrive from the new address");
    }
  }

  @Test
  void probedCameraRefusesWrongCredentialsWithAClearError() throws Exception {
    try (TestNetwork net = TestNetwork.create()) {
      // GIVEN a camera already on the network: the hub's first probe finds it
      SimulatedCamera cam = SimulatedCamera.start(net, dir, "Garage", false);
      Files.writeString(cam.log, ""); // its Hello went out before the hub listened
      try (OnvifHub hub = new OnvifHub(dir, net.hostInterface())) {
        Discovered entry = hub.awaitEntry(cam.uuid, 3000, d -> true);

        // WHEN the owner adopts it with a wrong password, then with none
        ExecutionException wrong =
            assertThrows(
                ExecutionException.class,
                () ->
                    Await.get(
                        hub.inbox()
                            .adopt(
                                OnvifHub.OWNER,
                                entry.id(),
                                "Garage",
                                new Camera.Credentials("admin", "not-the-password"))));
        ExecutionException none =
            assertThrows(
                ExecutionException.class,
                () -> Await.get(hub.inbox().adopt(OnvifHub.OWNER, entry.id(), "Garage", null)));

        // THEN both are refused with 401 adopt_failed, saying what to check, leaking nothing
        HubException refused = assertInstanceOf(HubException.class, wrong.getCause());
        assertEquals(401, refused.status());
        assertEquals("adopt_failed", refused.code());
        assertTrue(
            refused.getMessage().contains("check the camera's user name and password"),
            refused.getMessage());
        assertFalse(refused.getMessage().contains("not-the-password"));
        HubException missing = assertInstanceOf(HubException.class, none.getCause());
        assertEquals(401, missing.status());
        assertTrue(missing.getMessage().contains("user name and password"), missing.getMessage());
        assertEquals(Discovered.NEW, hub.inbox().get(entry.id()).orElseThrow().state());
        assertTrue(Await.get(hub.hub.context().cameras().list()).isEmpty());
      }
    }
  }

  private static String url(OnvifHub hub, String cameraId) {
    try {
      return Await.get(hub.hub.context().cameras().get(cameraId)).url().toString();
    } catch (ExecutionException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
