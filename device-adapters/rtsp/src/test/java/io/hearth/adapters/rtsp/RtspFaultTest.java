package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Peers;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cameras that misbehave, scripted: each fault ends its source OFFLINE with the right reason within
 * a bounded time, no exception escapes to Vert.x, and a healthy camera's source on the same Vert.x
 * keeps streaming meanwhile.
 */
class RtspFaultTest {
  private static final RtspSettings FAST = RtspSettings.defaults().withTimeouts(2000, 1000, 1000);
  private static final long BOUND_MS = 5000;

  @RegisterExtension static final RtspFixture rtsp = new RtspFixture();
  private static final List<Throwable> escaped = new CopyOnWriteArrayList<>();
  private static ScriptedRtspCamera healthy;
  private static MediaSource healthySource;
  private static final RecordingSink healthySink = new RecordingSink();
  private int healthyFramesBefore;

  @BeforeAll
  static void startHealthyCamera() throws Exception {
    rtsp.vertx().exceptionHandler(escaped::add);
    healthy =
        new ScriptedRtspCamera(
            c -> {
              c.serveUntilPlay(ScriptedRtspCamera.h264Sdp());
              c.stream(100_000, 10, 20);
            });
    healthySource = source("healthy", healthy.url());
    Await.get(healthySource.open(healthySink));
    healthySink.awaitFrames(5, BOUND_MS);
  }

  @AfterAll
  static void stopHealthyCamera() throws Exception {
    Await.get(healthySource.close());
    healthy.close();
  }

  @BeforeEach
  void countHealthyFrames() {
    healthyFramesBefore = healthySink.frames.size();
  }

  @AfterEach
  void healthyCameraKeptStreamingAndNothingEscaped() {
    RecordingSink.await(
        () -> healthySink.frames.size() > healthyFramesBefore + 5,
        BOUND_MS,
        () -> "the healthy camera to keep streaming");
    assertEquals(State.ONLINE, healthySink.statuses.get(healthySink.statuses.size() - 1).state());
    assertEquals(List.of(), escaped, "exceptions escaped to Vert.x");
  }

  @Test
  @Timeout(20)
  void keyframesCarryTheSdpParameterSetsInBand() {
    List<MediaFrame> frames = healthySink.awaitFrames(healthyFramesBefore + 12, BOUND_MS);
    MediaFrame key = frames.stream().filter(MediaFrame::keyframe).findFirst().orElseThrow();
    List<byte[]> nals = key.nalUnits();
    assertArrayEquals(ScriptedRtspCamera.SPS, nals.get(0));
    assertArrayEquals(ScriptedRtspCamera.PPS, nals.get(1));
    assertEquals(0x65, nals.get(2)[0]);
    MediaFrame delta = frames.stream().filter(f -> !f.keyframe()).findFirst().orElseThrow();
    assertEquals(1, delta.nalUnits().size(), "parameter sets go with keyframes only");
    assertTrue(frames.stream().allMatch(f -> f.cameraId().equals("healthy")));
  }

  @Test
  @Timeout(20)
  void connectionRefusedIsUnreachable() throws Exception {
    String url = "rtsp://127.0.0.1:" + Peers.freePort() + "/cam";
    CameraStatus status = expectOffline(url, "camera_unreachable");
    assertEquals(Reason.UNREACHABLE, status.reason());
  }

  @Test
  @Timeout(20)
  void bogusSdpIsAProtocolError() throws Exception {
    try (ScriptedRtspCamera camera =
        new ScriptedRtspCamera(c -> c.serveUntilPlay("this is not\r\nan SDP\r\n"))) {
      CameraStatus status = expectOffline(camera.url(), "camera_protocol_error");
      assertEquals(Reason.PROTOCOL_ERROR, status.reason());
      assertTrue(status.detail().contains("SDP"), status.detail());
    }
  }

  @Test
  @Timeout(30)
  void tenMegabyteHeaderIsRefusedEarly() throws Exception {
    try (ScriptedRtspCamera camera =
        new ScriptedRtspCamera(
            c -> {
              c.read();
              c.write("RTSP/1.0 200 OK\r\nCSeq: 1\r\nX-Junk: ");
              String chunk = "a".repeat(64 * 1024);
              for (int i = 0; i < 160; i++) {
                c.write(chunk);
              }
            })) {
      CameraStatus status = expectOffline(camera.url(), "camera_protocol_error");
      assertEquals(Reason.PROTOCOL_ERROR, status.reason());
      assertTrue(status.detail().contains("exceeds"), status.detail());
    }
  }

  @Test
  @Timeout(20)
  void neverEndingResponseTimesOut() throws Exception {
    try (ScriptedRtspCamera camera =
        new ScriptedRtspCamera(
            c -> {
              c.read();
              c.write("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 5000\r\n\r\nv=0\r\n");
              c.drain();
            })) {
      CameraStatus status = expectOffline(camera.url(), "camera_timeout");
      assertEquals(Reason.TIMEOUT, status.reason());
      assertTrue(status.detail().contains("OPTIONS"), status.detail());
    }
  }

  @Test
  @Timeout(20)
  void cameraThatGoesSilentMidStreamTimesOut() throws Exception {
    try (ScriptedRtspCamera camera = playingThen(c -> c.drain())) {
      RecordingSink sink = openAndPlay(camera);
      CameraStatus status = sink.awaitState(State.OFFLINE, BOUND_MS);
      assertEquals(Reason.TIMEOUT, status.reason(), status.toString());
      assertEquals(List.of(State.CONNECTING, State.ONLINE, State.OFFLINE), sink.states());
    }
  }

  @Test
  @Timeout(20)
  void truncatedRtpIsAProtocolError() throws Exception {
    try (ScriptedRtspCamera camera =
        playingThen(
            c -> {
              c.interleaved(0, new byte[] {(byte) 0x80, 96, 0, 1, 0});
              c.drain();
            })) {
      RecordingSink sink = openAndPlay(camera);
      CameraStatus status = sink.awaitState(State.OFFLINE, BOUND_MS);
      assertEquals(Reason.PROTOCOL_ERROR, status.reason());
      assertTrue(status.detail().contains("12-byte header"), status.detail());
    }
  }

  @Test
  @Timeout(20)
  void endOfStreamIsClosedByCamera() throws Exception {
    try (ScriptedRtspCamera camera = playingThen(c -> c.socket().close())) {
      RecordingSink sink = openAndPlay(camera);
      assertEquals(Reason.CLOSED_BY_CAMERA, sink.awaitState(State.OFFLINE, BOUND_MS).reason());
    }
  }

  @Test
  @Timeout(20)
  void videoInAnotherCodecIsUnsupportedAndNamed() throws Exception {
    String sdp =
        "v=0\r\ns=mpeg4\r\nm=audio 0 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n"
            + "a=rtpmap:96 MP4V-ES/90000\r\na=control:track1\r\n";
    try (ScriptedRtspCamera camera = new ScriptedRtspCamera(c -> c.serveUntilPlay(sdp))) {
      CameraStatus status = expectOffline(camera.url(), "camera_unsupported_codec");
      assertEquals(Reason.UNSUPPORTED_CODEC, status.reason());
      assertTrue(status.detail().contains("MP4V-ES/90000"), status.detail());
      assertFalse(camera.methods.contains("SETUP"));
    }
  }

  @Test
  @Timeout(20)
  void controlUrlOnAnotherHostIsRefusedBeforeSetup() throws Exception {
    String sdp =
        ScriptedRtspCamera.h264Sdp()
            .replace("a=control:track1", "a=control:rtsp://203.0.113.9:554/steal");
    try (ScriptedRtspCamera camera = new ScriptedRtspCamera(c -> c.serveUntilPlay(sdp))) {
      CameraStatus status = expectOffline(camera.url(), "camera_protocol_error");
      assertTrue(status.detail().contains("203.0.113.9:554"), status.detail());
      assertFalse(camera.methods.contains("SETUP"), "SETUP sent: " + camera.methods);
    }
  }

  @Test
  @Timeout(20)
  void challengeWithoutCredentialsIsAuthFailed() throws Exception {
    try (ScriptedRtspCamera camera =
        new ScriptedRtspCamera(
            c -> {
              String request = c.read();
              c.respond(
                  request, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n", "");
              c.drain();
            })) {
      CameraStatus status = expectOffline(camera.url(), "camera_auth_failed");
      assertEquals(Reason.AUTH_FAILED, status.reason());
    }
  }

  @Test
  @Timeout(20)
  void atAnAddressDiscoveryFollowedBasicIsRefusedAndNoPasswordIsSent() throws Exception {
    // GIVEN a camera that discovery moved to this host, and a device there asking for Basic
    List<String> requests = new CopyOnWriteArrayList<>();
    try (ScriptedRtspCamera camera =
        new ScriptedRtspCamera(
            c -> {
              for (String request; (request = c.read()) != null; ) {
                requests.add(request);
                c.respond(
                    request, "401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n", "");
              }
            })) {
      Camera followed =
          new Camera(
              "followed",
              "followed",
              URI.create(camera.url()),
              null,
              new Camera.Credentials("admin", "s3cret-Pa55"),
              Camera.Secrets.NONE,
              URI.create(camera.url()).getHost());
      RecordingSink sink = new RecordingSink();
      // WHEN the feed connects
      ExecutionException failure =
          assertThrows(
              ExecutionException.class,
              () -> Await.get(new RtspSource(rtsp.vertx(), followed, FAST).open(sink)));
      // THEN it is refused as an authentication failure, and no request carried the password
      HubException hub = assertInstanceOf(HubException.class, failure.getCause());
      assertEquals("camera_auth_failed", hub.code(), hub.getMessage());
      assertTrue(hub.getMessage().contains("Digest"), hub.getMessage());
      assertFalse(requests.isEmpty());
      assertTrue(
          requests.stream()
              .noneMatch(r -> r.toLowerCase(java.util.Locale.ROOT).contains("authorization")),
          requests.toString());
    }
  }

  @Test
  @Timeout(20)
  void closeWhileNegotiatingEndsPromptly() throws Exception {
    try (ScriptedRtspCamera camera = new ScriptedRtspCamera(c -> c.drain())) {
      RecordingSink sink = new RecordingSink();
      MediaSource source = source("closing", camera.url());
      var opened = source.open(sink);
      sink.awaitState(State.CONNECTING, BOUND_MS);
      long start = System.nanoTime();
      Await.get(source.close());
      assertTrue((System.nanoTime() - start) / 1_000_000 < 3000, "close took too long");
      ExecutionException failure = assertThrows(ExecutionException.class, () -> Await.get(opened));
      assertInstanceOf(HubException.class, failure.getCause());
      assertEquals(State.IDLE, sink.statuses.get(sink.statuses.size() - 1).state());
      Await.get(source.close()); // idempotent
    }
  }

  private static ScriptedRtspCamera playingThen(ScriptedRtspCamera.Script after) throws Exception {
    return new ScriptedRtspCamera(
        c -> {
          c.serveUntilPlay(ScriptedRtspCamera.h264Sdp());
          c.stream(5, 5, 20);
          after.run(c);
        });
  }

  private static RecordingSink openAndPlay(ScriptedRtspCamera camera) throws Exception {
    RecordingSink sink = new RecordingSink();
    Await.get(source("faulty", camera.url()).open(sink));
    sink.awaitFrames(1, BOUND_MS);
    return sink;
  }

  /** Opens a source that must fail: open fails with the code, status OFFLINE within the bound. */
  private static CameraStatus expectOffline(String url, String code) throws Exception {
    RecordingSink sink = new RecordingSink();
    long start = System.nanoTime();
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> Await.get(source("faulty", url).open(sink)));
    HubException hub = assertInstanceOf(HubException.class, failure.getCause());
    assertEquals(code, hub.code(), hub.getMessage());
    CameraStatus status = sink.awaitState(State.OFFLINE, BOUND_MS);
    assertTrue((System.nanoTime() - start) / 1_000_000 < BOUND_MS, "took too long");
    assertTrue(sink.frames.isEmpty(), "frames from a failed camera");
    return status;
  }

  private static MediaSource source(String id, String url) {
    return rtsp.source(id, url, FAST);
  }
}
