package io.hearth.adapters.mjpeg;

import static io.hearth.adapters.mjpeg.ScriptedHttpCamera.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Snapshots from cameras that answer badly end in a clear HubException. */
@Timeout(30)
class SnapshotTest {
  private final MjpegSourceFactory factory =
      new MjpegSourceFactory(
          MjpegSettings.defaults()
              .withMaxFrameBytes(64 * 1024)
              .withSnapshotTimeout(Duration.ofSeconds(1)));
  @RegisterExtension final MjpegFixture mjpeg = new MjpegFixture();
  private ScriptedHttpCamera camera;

  @Test
  void digestProtectedSnapshotIsFetched() throws Exception {
    Camera.Credentials right = new Camera.Credentials("admin", "pw");
    byte[] jpeg = MjpegSourceFaultTest.jpeg(3000);
    camera = mjpeg.camera(new DigestCamera(right, socket -> socket.end(ok(jpeg))));
    Buffer body =
        Await.get(factory.snapshot(mjpeg.vertx(), camera(camera.url("/snap.jpg"), right)));
    assertEquals(Buffer.buffer(jpeg), body);
  }

  @Test
  void atAnAddressDiscoveryFollowedBasicIsRefusedAndNoPasswordIsSent() throws Exception {
    // GIVEN a camera discovery moved to this host, and a device there that asks for Basic
    List<String> heads = new CopyOnWriteArrayList<>();
    camera =
        mjpeg.camera(
            (head, socket) -> {
              heads.add(head);
              socket.end(
                  ascii(
                      "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"cam\"\r\n"
                          + "Content-Length: 0\r\n\r\n"));
            });
    URI snapshot = camera.url("/snap.jpg");
    Camera followed =
        new Camera(
            "c",
            "Hall",
            URI.create("http://127.0.0.1:9/video"),
            snapshot,
            new Camera.Credentials("admin", "pw-in-the-clear"),
            Camera.Secrets.NONE,
            snapshot.getHost());
    // WHEN a snapshot is fetched, THEN it fails and no request carried the password
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> Await.get(factory.snapshot(mjpeg.vertx(), followed)));
    HubException refused = (HubException) e.getCause();
    assertTrue(refused.getMessage().contains("Digest"), refused.getMessage());
    assertEquals(1, heads.size(), heads::toString);
    assertTrue(heads.stream().noneMatch(h -> h.toLowerCase(Locale.ROOT).contains("authorization")));
  }

  @Test
  void htmlInsteadOfAJpegIsRefused() throws Exception {
    HubException e = fail((head, socket) -> socket.end(ok(ascii("<html>hi</html>").getBytes())));
    assertEquals("camera_bad_snapshot", e.code());
    assertTrue(e.getMessage().contains("not a JPEG"), e.getMessage());
  }

  @Test
  void aSnapshotOverTheLimitIsRefused() throws Exception {
    byte[] big = MjpegSourceFaultTest.jpeg(200_000);
    HubException e = fail((head, socket) -> socket.end(ok(big)));
    assertEquals("camera_bad_snapshot", e.code());
    assertTrue(e.getMessage().contains("larger than 65536"), e.getMessage());
  }

  @Test
  void aCameraThatNeverAnswersTimesOut() throws Exception {
    HubException e = fail((head, socket) -> {});
    assertEquals(504, e.status());
  }

  @Test
  void aCameraWithoutSnapshotUrlIsNotFound() throws Exception {
    Camera noSnapshot = new Camera("c", "Hall", URI.create("http://127.0.0.1:9/v"), null, null);
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> Await.get(factory.snapshot(mjpeg.vertx(), noSnapshot)));
    assertEquals(404, ((HubException) e.getCause()).status());
  }

  private HubException fail(BiConsumer<String, NetSocket> script) throws Exception {
    camera = mjpeg.camera(script);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () ->
                Await.get(factory.snapshot(mjpeg.vertx(), camera(camera.url("/snap.jpg"), null))));
    return (HubException) e.getCause();
  }

  private static Buffer ok(byte[] body) {
    return ascii(
            "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
        .appendBytes(body);
  }

  private static Camera camera(URI snapshot, Camera.Credentials credentials) {
    return new Camera("c", "Hall", URI.create("http://127.0.0.1:9/video"), snapshot, credentials);
  }
}
