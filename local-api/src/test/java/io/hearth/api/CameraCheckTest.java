package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mjpeg.MjpegModule;
import io.hearth.adapters.rtsp.RtspModule;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding a camera tries its address at once and says in words what is wrong: a closed port, an
 * address nobody can play, or nothing wrong at all; never an exception's text.
 */
@Timeout(60)
class CameraCheckTest {
  /** What people must never read: Java and Netty error text, or ids. */
  static final Pattern MACHINE_TEXT =
      Pattern.compile("Exception|finishConnect|error\\(-?\\d+\\)|cam_[0-9a-z]|enabled: \\[");

  @TempDir static Path dir;
  static TestHub hub;

  @BeforeAll
  static void start() throws Exception {
    hub = TestHub.start(dir, List.of(new RtspModule(), new MjpegModule()));
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void aClosedPortIsSavedWithAWarningInWords() throws Exception {
    int port = closedPort();
    HttpResponse<String> made = add("Attic", "rtsp://127.0.0.1:" + port + "/cam");
    assertEquals(201, made.statusCode(), made.body());
    JsonObject check = new JsonObject(made.body()).getJsonObject("check");
    assertFalse(check.getBoolean("ok"), made.body());
    String message = check.getString("message");
    assertTrue(message.startsWith("Nothing answers at 127.0.0.1 port " + port + "."), message);
    assertFalse(MACHINE_TEXT.matcher(message).find(), message);
  }

  @Test
  void aListeningCameraPasses() throws Exception {
    try (ServerSocket camera = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      HttpResponse<String> made =
          add("Porch", "rtsp://127.0.0.1:" + camera.getLocalPort() + "/cam");
      assertEquals(201, made.statusCode(), made.body());
      JsonObject check = new JsonObject(made.body()).getJsonObject("check");
      assertTrue(check.getBoolean("ok"), made.body());
    }
  }

  @Test
  void anAddressNobodyCanPlayIsRefusedInWords() throws Exception {
    HttpResponse<String> made = add("Shed", "ftp://127.0.0.1/cam");
    assertEquals(400, made.statusCode(), made.body());
    String message = new JsonObject(made.body()).getString("message");
    assertTrue(message.contains("Hearth cannot play ftp:// addresses"), message);
    assertTrue(message.contains("rtsp://"), message);
    assertFalse(MACHINE_TEXT.matcher(message).find(), message);
  }

  @Test
  void aRenameIsNotTestedButANewAddressIs() throws Exception {
    String id =
        new JsonObject(add("Loft", "rtsp://127.0.0.1:" + closedPort()).body()).getString("id");
    HttpResponse<String> renamed =
        hub.patch(CamerasApi.PATH + "/" + id, hub.ownerToken, "{\"name\":\"Loft east\"}");
    assertEquals(200, renamed.statusCode(), renamed.body());
    assertEquals("Loft east", new JsonObject(renamed.body()).getString("name"));
    assertFalse(new JsonObject(renamed.body()).containsKey("check"), renamed.body());
    HttpResponse<String> moved =
        hub.patch(
            CamerasApi.PATH + "/" + id,
            hub.ownerToken,
            "{\"url\":\"rtsp://127.0.0.1:" + closedPort() + "/x\"}");
    assertFalse(new JsonObject(moved.body()).getJsonObject("check").getBoolean("ok"));
  }

  private static HttpResponse<String> add(String name, String url) throws Exception {
    return hub.post(
        CamerasApi.PATH,
        hub.ownerToken,
        new JsonObject().put("name", name).put("url", url).encode());
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
