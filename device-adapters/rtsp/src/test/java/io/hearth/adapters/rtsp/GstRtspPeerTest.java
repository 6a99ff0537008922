package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.GstCamera;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real, independent RTSP server as the camera: GStreamer's gst-rtsp-server streaming x264/x265
 * test patterns over TCP-interleaved and UDP RTP, with and without Basic and Digest auth.
 */
class GstRtspPeerTest {
  @RegisterExtension static final RtspFixture rtsp = new RtspFixture();

  @Test
  @Timeout(60)
  void h264OverTcpDeliversSelfContainedKeyframesWithAdvancingTimestamps() throws Exception {
    try (GstCamera gst = GstCamera.start("h264")) {
      RecordingSink sink = new RecordingSink();
      MediaSource source = source("cam-tcp", gst.url(), null, RtspSettings.Transport.TCP);
      Await.get(source.open(sink));
      assertEquals("TCP", ((RtspSource) source).transport());
      List<MediaFrame> frames = sink.awaitFrames(40, 20_000);
      assertPlayable(frames, "cam-tcp", Codec.H264, Set.of(7, 8));
      assertEquals(List.of(State.CONNECTING, State.ONLINE), sink.states());
      Await.get(source.close());
      assertEquals(State.IDLE, sink.statuses.get(sink.statuses.size() - 1).state());
    }
  }

  @Test
  @Timeout(60)
  void h264OverUdpDeliversFrames() throws Exception {
    try (GstCamera gst = GstCamera.start("h264")) {
      RecordingSink sink = new RecordingSink();
      MediaSource source = source("cam-udp", gst.url(), null, RtspSettings.Transport.UDP);
      Await.get(source.open(sink));
      assertEquals("UDP", ((RtspSource) source).transport());
      assertPlayable(sink.awaitFrames(40, 20_000), "cam-udp", Codec.H264, Set.of(7, 8));
      Await.get(source.close());
    }
  }

  @Test
  @Timeout(90)
  void h265KeyframesCarryVpsSpsAndPps() throws Exception {
    try (GstCamera gst = GstCamera.start("h265")) {
      RecordingSink sink = new RecordingSink();
      MediaSource source = source("cam-hevc", gst.url(), null, RtspSettings.Transport.TCP);
      Await.get(source.open(sink));
      assertPlayable(sink.awaitFrames(20, 40_000), "cam-hevc", Codec.H265, Set.of(32, 33, 34));
      Await.get(source.close());
    }
  }

  @Test
  @Timeout(60)
  void basicAuthRightPasswordPlaysWrongOneIsAuthFailed() throws Exception {
    try (GstCamera gst = GstCamera.builder().auth("basic", "viewer", "s3cret").start()) {
      assertAuth(gst, new Camera.Credentials("viewer", "s3cret"), "viewer:wrong@");
    }
  }

  @Test
  @Timeout(60)
  void digestAuthRightPasswordPlaysWrongOneIsAuthFailed() throws Exception {
    try (GstCamera gst = GstCamera.builder().auth("digest", "viewer", "s3cret").start()) {
      assertAuth(gst, new Camera.Credentials("viewer", "s3cret"), "viewer:wrong@");
    }
  }

  private void assertAuth(GstCamera gst, Camera.Credentials good, String badUserInfo)
      throws Exception {
    RecordingSink ok = new RecordingSink();
    MediaSource right = source("cam-auth", gst.url(), good, RtspSettings.Transport.TCP);
    Await.get(right.open(ok));
    ok.awaitFrames(5, 20_000);
    Await.get(right.close());

    RecordingSink refused = new RecordingSink();
    String badUrl = gst.url().replace("rtsp://", "rtsp://" + badUserInfo);
    MediaSource wrong = source("cam-auth", badUrl, null, RtspSettings.Transport.TCP);
    ExecutionException failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> Await.get(wrong.open(refused)));
    HubException hub = assertInstanceOf(HubException.class, failure.getCause());
    assertEquals("camera_auth_failed", hub.code());
    CameraStatus offline = refused.awaitState(State.OFFLINE, 5000);
    assertEquals(CameraStatus.Reason.AUTH_FAILED, offline.reason());
    assertTrue(!offline.detail().contains("wrong"), "detail leaks the password: " + offline);
    assertTrue(refused.frames.isEmpty(), "frames without authentication");
  }

  private static MediaSource source(
      String id, String url, Camera.Credentials credentials, RtspSettings.Transport transport) {
    Camera camera = new Camera(id, "Test " + id, URI.create(url), null, credentials);
    RtspSettings settings = RtspSettings.defaults().withTransport(transport);
    return new RtspSourceFactory(settings).create(rtsp.vertx(), camera);
  }

  /** Every frame is this camera's; keyframes come with their parameter sets; time advances. */
  static void assertPlayable(
      List<MediaFrame> frames, String cameraId, Codec codec, Set<Integer> sets) {
    assertTrue(frames.stream().allMatch(f -> f.cameraId().equals(cameraId)), "foreign camera id");
    assertTrue(frames.stream().allMatch(f -> f.codec() == codec), "codec");
    List<MediaFrame> keyframes = frames.stream().filter(MediaFrame::keyframe).toList();
    assertTrue(keyframes.size() >= 1, "no keyframe in " + frames.size() + " frames");
    for (MediaFrame key : keyframes) {
      Set<Integer> types =
          key.nalUnits().stream()
              .map(nal -> ParameterSetInjector.type(codec, nal))
              .collect(Collectors.toSet());
      assertTrue(types.containsAll(sets), "keyframe at " + key.timestamp90k() + " has " + types);
    }
    for (int i = 1; i < frames.size(); i++) {
      assertTrue(
          frames.get(i).timestamp90k() > frames.get(i - 1).timestamp90k(),
          "timestamps must advance at frame " + i);
    }
    long span = frames.get(frames.size() - 1).timestamp90k() - frames.get(0).timestamp90k();
    long expected = (frames.size() - 1) * 90_000L / 15; // 15 frames per second
    assertTrue(Math.abs(span - expected) < expected / 4, "span " + span + " vs " + expected);
  }
}
