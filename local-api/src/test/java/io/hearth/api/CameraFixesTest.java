package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpServer;
import io.hearth.adapters.mjpeg.MjpegModule;
import io.hearth.adapters.rtsp.RtspModule;
import io.hearth.runtime.testing.GstCamera;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cameras as people set them up: an RTSP camera whose stills come from a Hikvision-style snapshot
 * URL behind the camera's password (a real HTTP server here), and a camera URL whose password holds
 * a raw {@code @}, as ffmpeg and go2rtc take it (a real GStreamer camera asking for that password).
 */
@Timeout(90)
class CameraFixesTest {
  private static final String STILL = "/ISAPI/Streaming/channels/101/picture";
  private static final byte[] JPEG = jpeg(20_000);

  @TempDir Path dir;
  private TestHub hub;
  private HttpServer stills;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    hub = TestHub.start(dir.resolve("data"), List.of(new RtspModule(), new MjpegModule()));
    stills = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stills.createContext(STILL, exchange -> answer(exchange, JPEG)).setAuthenticator(auth());
    stills
        .createContext("/huge", exchange -> answer(exchange, jpeg(64 << 20)))
        .setAuthenticator(auth());
    stills.start();
  }

  @AfterEach
  void stop() {
    stills.stop(0);
    hub.close();
  }

  @Test
  void anRtspCameraWithASnapshotUrlAnswersItsStillFetchedWithItsPassword() throws Exception {
    String id = addRtspCamera("http://127.0.0.1:" + stills.getAddress().getPort() + STILL);
    HttpResponse<byte[]> still = snapshot(id);
    assertEquals(200, still.statusCode(), new String(still.body()));
    assertEquals("image/jpeg", still.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(JPEG, still.body(), "the still server's picture, byte for byte");
    assertFalse(authorizations.isEmpty(), "the still was fetched with the camera's credentials");
  }

  @Test
  void aStillLargerThanAllowedIsRefusedNotBuffered() throws Exception {
    String id = addRtspCamera("http://127.0.0.1:" + stills.getAddress().getPort() + "/huge");
    assertEquals(502, snapshot(id).statusCode());
  }

  @Test
  void aRawAtInTheCamerasPasswordIsAcceptedAndUsed() throws Exception {
    try (GstCamera camera = GstCamera.builder().auth("digest", "admin", "p@ss@1").start()) {
      String typed = "rtsp://admin:p@ss@1@127.0.0.1:" + camera.port() + "/cam";
      HttpResponse<String> made =
          hub.post(
              "/api/v1/cameras",
              hub.ownerToken,
              new JsonObject().put("name", "Gate").put("url", typed).encode());
      assertEquals(201, made.statusCode(), made.body());
      JsonObject shown = new JsonObject(made.body());
      assertEquals("rtsp://127.0.0.1:" + camera.port() + "/cam", shown.getString("url"));
      assertTrue(shown.getBoolean("has_credentials"));
      HttpResponse<byte[]> still = snapshot(shown.getString("id"));
      assertEquals(
          200, still.statusCode(), "the hub logged in with p@ss@1: " + new String(still.body()));
      assertEquals((byte) 0xFF, still.body()[0]);
    }
  }

  private String addRtspCamera(String snapshotUrl) throws Exception {
    JsonObject body =
        new JsonObject()
            .put("name", "Drive")
            .put("url", "rtsp://127.0.0.1:9/Streaming/Channels/101")
            .put("snapshot_url", snapshotUrl)
            .put("username", "admin")
            .put("password", "hik-pass");
    HttpResponse<String> made = hub.post("/api/v1/cameras", hub.ownerToken, body.encode());
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body()).getString("id");
  }

  private HttpResponse<byte[]> snapshot(String id) throws Exception {
    return hub.client.send(
        TestHub.authorized(
                HttpRequest.newBuilder(hub.https("/api/v1/cameras/" + id + "/snapshot")),
                hub.ownerToken)
            .timeout(java.time.Duration.ofSeconds(30))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private BasicAuthenticator auth() {
    return new BasicAuthenticator("camera") {
      @Override
      public boolean checkCredentials(String user, String password) {
        authorizations.add(user);
        return user.equals("admin") && password.equals("hik-pass");
      }
    };
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, byte[] body)
      throws java.io.IOException {
    exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    } catch (java.io.IOException e) {
      // the hub stopped reading a still too large
    }
  }

  /** Bytes that start and end as a JPEG does, of the given length. */
  private static byte[] jpeg(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    bytes[0] = (byte) 0xFF;
    bytes[1] = (byte) 0xD8;
    bytes[length - 2] = (byte) 0xFF;
    bytes[length - 1] = (byte) 0xD9;
    return bytes;
  }
}
