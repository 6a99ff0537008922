package io.hearth.adapters.rtsp;

import static java.util.stream.Collectors.counting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.rtsp.RtspLink.UdpView;
import io.hearth.adapters.rtsp.SourcePin.Verdict;
import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.H264Sps;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.GstCamera;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real camera (GStreamer, 320x240) streams to the hub over UDP while an attacker on the same host
 * (127.0.0.1, the camera's address) fires a second real H.264 stream (ffmpeg, 640x480) at the hub's
 * RTP port: from another port, then forged from the camera's own server ports with another SSRC.
 * What the source hands its sink must be the camera's picture only.
 */
class RtspUdpPinningTest {
  private static final String GENUINE = "320x240";
  @RegisterExtension static final RtspFixture rtsp = new RtspFixture();

  @Test
  @Timeout(90)
  void aSecondStreamFromTheCamerasAddressButAnotherPortNeverReachesTheViewer() throws Exception {
    try (GstCamera gst = GstCamera.start("h264")) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = open(gst, sink);
      UdpView pinned = pinnedView(source, sink);
      Map<Verdict, Long> drops;
      try (RtpAttacker attacker = RtpAttacker.direct(pinned.pinned().hubRtpPort(), ahead(pinned))) {
        drops = underAttack(source, sink, Verdict.WRONG_PORT);
      }
      Await.get(source.close());
      assertOnlyTheCamerasPicture(sink);
      assertTrue(drops.getOrDefault(Verdict.WRONG_PORT, 0L) >= 300, "drops counted: " + drops);
    }
  }

  @Test
  @Timeout(90)
  void aForgedStreamFromTheCamerasOwnServerPortNeverReachesTheViewer() throws Exception {
    try (GstCamera gst = GstCamera.start("h264")) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = open(gst, sink);
      UdpView view = pinnedView(source, sink);
      UdpTransport.Pinned pinned = view.pinned();
      assertTrue(pinned.cameraRtpPort() > 0, "GStreamer names its server ports: " + pinned);
      assertNotEquals(RtpAttacker.SSRC, pinned.ssrc().getAsInt(), "attacker needs another SSRC");
      Map<Verdict, Long> drops;
      try (RtpAttacker attacker =
          RtpAttacker.forging(
              pinned.cameraRtpPort(), pinned.cameraRtcpPort(), pinned.hubRtpPort(), ahead(view))) {
        drops = underAttack(source, sink, Verdict.WRONG_SSRC);
      }
      Await.get(source.close());
      assertOnlyTheCamerasPicture(sink);
      assertTrue(drops.getOrDefault(Verdict.WRONG_SSRC, 0L) >= 300, "drops counted: " + drops);
      assertEquals(
          0, drops.getOrDefault(Verdict.WRONG_PORT, 0L), "the forged port passed: " + drops);
    }
  }

  private static RtspSource open(GstCamera gst, RecordingSink sink) throws Exception {
    RtspSettings settings = RtspSettings.defaults().withTransport(RtspSettings.Transport.UDP);
    RtspSource source = rtsp.open("cam-b", gst.url(), settings, sink);
    assertEquals("UDP", source.transport());
    return source;
  }

  /** A starting sequence number a little ahead of the camera's, where the attack works best. */
  private static int ahead(UdpView view) {
    return view.highestSequence() + 300;
  }

  /** Waits for the camera's first frames, by when its SSRC is pinned; the pin. */
  private static UdpView pinnedView(RtspSource source, RecordingSink sink) throws Exception {
    sink.awaitFrames(10, 20_000);
    UdpView view = Await.get(source.udpView()).orElseThrow();
    assertTrue(view.pinned().ssrc().isPresent(), "SSRC pinned: " + view);
    return view;
  }

  /**
   * Lets the attack run until {@code cause} counted 300 drops (or a foreign picture got through, or
   * the stream ended), then two more seconds of the camera; the drop counts by then.
   */
  private static Map<Verdict, Long> underAttack(
      RtspSource source, RecordingSink sink, Verdict cause) {
    RecordingSink.await(
        () -> drops(source).getOrDefault(cause, 0L) >= 300 || broken(sink),
        30_000,
        () -> "300 drops for " + cause + ", got " + drops(source) + "; " + seen(sink));
    int before = sink.frames.size();
    RecordingSink.await(
        () -> sink.frames.size() >= before + 30 || sink.states().contains(State.OFFLINE),
        20_000,
        () -> "30 more frames");
    Map<Verdict, Long> drops = drops(source);
    System.out.println("RtspUdpPinningTest " + cause + ": drops " + drops);
    return drops;
  }

  private static String seen(RecordingSink sink) {
    List<MediaFrame> frames = List.copyOf(sink.frames);
    Map<String, Long> sizes =
        sizes(frames).stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, counting()));
    return frames.size() + " frames, keyframes by SPS size " + sizes;
  }

  /** A foreign picture size reached the sink, or the stream ended: the attack worked. */
  private static boolean broken(RecordingSink sink) {
    return sizes(List.copyOf(sink.frames)).stream().anyMatch(s -> !s.equals(GENUINE))
        || sink.states().contains(State.OFFLINE);
  }

  private static List<String> sizes(List<MediaFrame> frames) {
    return frames.stream()
        .flatMap(f -> f.nalUnits().stream())
        .filter(nal -> (nal[0] & 0x1F) == 7)
        .map(H264Sps::parse)
        .map(sps -> sps.width() + "x" + sps.height())
        .toList();
  }

  private static Map<Verdict, Long> drops(RtspSource source) {
    try {
      return new TreeMap<>(Await.get(source.udpView()).orElseThrow().dropped());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every picture size any frame announces is the camera's; the timeline is the camera's. */
  private static void assertOnlyTheCamerasPicture(RecordingSink sink) {
    List<MediaFrame> frames = List.copyOf(sink.frames);
    List<String> sizes = sizes(frames);
    long foreign = sizes.stream().filter(s -> !s.equals(GENUINE)).count();
    assertEquals(0, foreign, "frames of another picture size reached the sink: " + seen(sink));
    assertTrue(sizes.size() >= 3, "keyframes with an SPS: " + sizes.size());
    GstRtspPeerTest.assertPlayable(frames, "cam-b", Codec.H264, Set.of(7, 8));
    assertEquals(List.of(State.CONNECTING, State.ONLINE, State.IDLE), sink.states());
  }
}
