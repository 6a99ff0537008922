package io.hearth.adapters.mjpeg;

import static io.hearth.adapters.mjpeg.ScriptedHttpCamera.ascii;
import static io.hearth.adapters.mjpeg.ScriptedHttpCamera.part;
import static io.hearth.adapters.mjpeg.ScriptedHttpCamera.streamHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cameras that misbehave: each ends OFFLINE with the right reason, in bounded time. */
@Timeout(30)
class MjpegSourceFaultTest {
  private static final String BOUNDARY = "myboundary";
  private static final String MULTIPART = "multipart/x-mixed-replace; boundary=--" + BOUNDARY;
  private static final MjpegSettings FAST =
      MjpegSettings.defaults()
          .withFrameTimeout(Duration.ofSeconds(5))
          .withConnectTimeout(Duration.ofSeconds(2))
          .withMaxFrameBytes(64 * 1024);

  @RegisterExtension final MjpegFixture mjpeg = new MjpegFixture();
  private ScriptedHttpCamera camera;
  private MjpegSettings settings = FAST;

  @Test
  void aNonMultipartAnswerIsAProtocolError() throws Exception {
    Outcome outcome =
        run(
            (head, socket) ->
                socket.end(
                    ascii(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n"
                            + "<html></html>")));
    outcome.assertOffline(Reason.PROTOCOL_ERROR, "text/html");
    assertTrue(outcome.sink.frames.isEmpty(), "no frames");
  }

  @Test
  void garbageBetweenPartsIsAProtocolErrorAfterTheGoodFrame() throws Exception {
    Outcome outcome =
        run(
            (head, socket) ->
                socket.write(
                    streamHead(MULTIPART)
                        .appendBuffer(part(BOUNDARY, jpeg(1000)))
                        .appendBuffer(ascii("this is not a boundary\r\n"))));
    outcome.assertOffline(Reason.PROTOCOL_ERROR, "this is not a boundary");
    assertEquals(1, outcome.sink.frames.size(), "the good frame before the garbage");
    assertEquals(CameraStatus.ONLINE, outcome.sink.statuses.get(1));
  }

  @Test
  void aPartLargerThanTheLimitIsAProtocolError() throws Exception {
    Outcome outcome =
        run(
            (head, socket) ->
                socket.write(streamHead(MULTIPART).appendBuffer(part(BOUNDARY, jpeg(100_000)))));
    outcome.assertOffline(Reason.PROTOCOL_ERROR, "100000 bytes");
  }

  @Test
  void aNeverEndingPartWithoutBoundaryIsCutAtTheLimit() throws Exception {
    Outcome outcome =
        run(
            (head, socket) -> {
              socket.write(streamHead(MULTIPART).appendBuffer(ascii("--" + BOUNDARY + "\r\n\r\n")));
              socket.write(Buffer.buffer(jpeg(4000)));
              mjpeg.vertx().setPeriodic(20, id -> socket.write(Buffer.buffer(new byte[4000])));
            });
    outcome.assertOffline(Reason.PROTOCOL_ERROR, "no boundary");
  }

  @Test
  void aCameraThatStopsSendingTimesOut() throws Exception {
    settings = FAST.withFrameTimeout(Duration.ofSeconds(2));
    long start = System.nanoTime();
    Outcome outcome =
        run(
            (head, socket) ->
                socket.write(streamHead(MULTIPART).appendBuffer(part(BOUNDARY, jpeg(500)))));
    outcome.assertOffline(Reason.TIMEOUT, "no new image");
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertTrue(seconds < 6, "timed out after " + seconds + " s with a 2 s frame timeout");
    assertEquals(1, outcome.sink.frames.size());
  }

  @Test
  void aCameraThatAnswersNothingTimesOutBeforeTheFirstFrame() throws Exception {
    settings = FAST.withFrameTimeout(Duration.ofSeconds(1));
    Outcome outcome = run((head, socket) -> {});
    outcome.assertOffline(Reason.TIMEOUT, "no image");
    assertInstanceOf(HubException.class, outcome.openFailure);
    assertEquals(504, ((HubException) outcome.openFailure).status());
  }

  @Test
  void aCameraThatEndsTheStreamClosedIt() throws Exception {
    Outcome outcome =
        run(
            (head, socket) ->
                socket.end(
                    streamHead(MULTIPART)
                        .appendBuffer(part(BOUNDARY, jpeg(500)))
                        .appendBuffer(part(BOUNDARY, jpeg(600)))));
    outcome.assertOffline(Reason.CLOSED_BY_CAMERA, "ended");
    assertEquals(2, outcome.sink.frames.size());
  }

  @Test
  void aRefusedConnectionIsUnreachable() throws Exception {
    URI nobody = URI.create("http://127.0.0.1:" + Peers.freePort() + "/video");
    Outcome outcome = open(nobody, null);
    outcome.assertOffline(Reason.UNREACHABLE, "cannot connect");
    assertEquals(502, ((HubException) outcome.openFailure).status());
    assertEquals("camera_unreachable", ((HubException) outcome.openFailure).code());
  }

  @Test
  void notFoundIsAProtocolErrorNamingThePath() throws Exception {
    Outcome outcome =
        run(
            (head, socket) ->
                socket.end(ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")));
    outcome.assertOffline(Reason.PROTOCOL_ERROR, "404");
  }

  @Test
  void digestCredentialsAreAccepted() throws Exception {
    Camera.Credentials right = new Camera.Credentials("admin", "s3cret");
    camera = mjpeg.camera(new DigestCamera(right, this::streamTwoFrames));
    RecordingSink sink = new RecordingSink(2);
    MjpegSource source = source(camera.url("/video?profile=1"), right);
    Await.get(source.open(sink));
    sink.awaitFrames(5);
    assertEquals(CameraStatus.ONLINE, sink.statuses.get(1));
    Await.get(source.close());
  }

  @Test
  void wrongDigestCredentialsAreAuthFailed() throws Exception {
    Camera.Credentials right = new Camera.Credentials("admin", "s3cret");
    camera = mjpeg.camera(new DigestCamera(right, this::streamTwoFrames));
    Outcome outcome = open(camera.url("/video"), new Camera.Credentials("admin", "guess"));
    outcome.assertOffline(Reason.AUTH_FAILED, "refused");
  }

  @Test
  void closeEndsTheConnectionWithoutReportingOffline() throws Exception {
    CompletableFuture<Void> disconnected = new CompletableFuture<>();
    camera =
        mjpeg.camera(
            (head, socket) -> {
              socket.closeHandler(v -> disconnected.complete(null));
              socket.write(streamHead(MULTIPART).appendBuffer(part(BOUNDARY, jpeg(900))));
            });
    RecordingSink sink = new RecordingSink(1);
    MjpegSource source = source(camera.url("/video"), null);
    Await.get(source.open(sink));
    Await.get(source.close());
    Await.get(source.close());
    disconnected.get(5, TimeUnit.SECONDS);
    Eventually.throughout(
        Duration.ofMillis(300), "no status after close", () -> sink.statuses.size() <= 2);
    assertEquals(List.of(CameraStatus.CONNECTING, CameraStatus.ONLINE), sink.statuses);
  }

  private void streamTwoFrames(NetSocket socket) {
    socket.write(
        streamHead(MULTIPART)
            .appendBuffer(part(BOUNDARY, jpeg(700)))
            .appendBuffer(part(BOUNDARY, jpeg(800))));
  }

  private Outcome run(BiConsumer<String, NetSocket> script) throws Exception {
    camera = mjpeg.camera(script);
    return open(camera.url("/video"), null);
  }

  private Outcome open(URI url, Camera.Credentials credentials) throws Exception {
    RecordingSink sink = new RecordingSink(1);
    Future<Void> opened = source(url, credentials).open(sink);
    CameraStatus offline = sink.awaitOffline(10);
    Throwable failure = null;
    try {
      Await.get(opened);
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    return new Outcome(sink, offline, failure);
  }

  private MjpegSource source(URI url, Camera.Credentials credentials) {
    Camera cam = new Camera("cam-1", "Porch", url, null, credentials);
    return new MjpegSource(mjpeg.vertx(), cam, settings);
  }

  static byte[] jpeg(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    bytes[0] = (byte) 0xff;
    bytes[1] = (byte) 0xd8;
    bytes[length - 2] = (byte) 0xff;
    bytes[length - 1] = (byte) 0xd9;
    return bytes;
  }

  /** What became of one open: the sink's record, the OFFLINE status and how open ended. */
  private record Outcome(RecordingSink sink, CameraStatus offline, Throwable openFailure) {
    void assertOffline(Reason reason, String detailPart) {
      assertEquals(reason, offline.reason(), offline.toString());
      assertTrue(offline.detail().contains(detailPart), offline.detail());
      assertEquals(CameraStatus.CONNECTING, sink.statuses.get(0));
      assertEquals(CameraStatus.State.OFFLINE, sink.statuses.get(sink.statuses.size() - 1).state());
      assertEquals(1, sink.states().stream().filter(s -> s == CameraStatus.State.OFFLINE).count());
      if (sink.frames.isEmpty()) {
        assertInstanceOf(HubException.class, openFailure, "open fails when nothing played");
      }
    }
  }
}
