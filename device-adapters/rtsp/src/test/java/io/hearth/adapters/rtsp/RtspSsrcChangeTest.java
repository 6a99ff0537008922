package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.stream.Switchboard;
import io.hearth.runtime.stream.SwitchboardOptions;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.RecordingViewer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A camera that restarts its RTP stream under a new SSRC, from its pinned address and port: the hub
 * must neither adopt the new SSRC from the wire nor wedge; it gives the session up so that the feed
 * reconnects, and the fresh SETUP pins the new SSRC.
 */
class RtspSsrcChangeTest {
  private static final byte OLD = 0x11;
  private static final byte RESTARTED = 0x33;
  private static final byte RECONNECTED = 0x22;
  @RegisterExtension static final RtspFixture rtsp = new RtspFixture();

  @Test
  @Timeout(30)
  void aNewSsrcFromThePinnedSourceEndsTheSessionAndNeverBecomesAFrame() throws Exception {
    try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        ScriptedRtspCamera camera = new ScriptedRtspCamera(c -> restartOnce(c, rtp))) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = rtsp.source("cam-ssrc", camera.url(), settings());
      Await.get(source.open(sink));
      CameraStatus offline = sink.awaitState(State.OFFLINE, 10_000);
      assertEquals(Reason.CLOSED_BY_CAMERA, offline.reason(), offline.toString());
      assertTrue(offline.detail().contains("from 1234ABCD to 55667788"), offline.detail());
      assertTrue(sink.frames.size() >= 5, "frames before the restart: " + sink.frames.size());
      assertTrue(marked(sink.frames, RESTARTED).isEmpty(), "a frame of the new SSRC arrived");
    }
  }

  @Test
  @Timeout(40)
  void theFeedReconnectsAndPlaysTheRestartedStream() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    CountDownLatch restarted = new CountDownLatch(1); // the first connection's sending is over
    try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        ScriptedRtspCamera camera =
            new ScriptedRtspCamera(
                c -> {
                  if (connections.incrementAndGet() == 1) {
                    restartOnce(c, rtp);
                    restarted.countDown();
                  } else {
                    c.ssrc = 0x55667788;
                    int hub = c.playUdp(c.untilSetup(), rtp.getLocalPort(), 0, "55667788");
                    restarted.await(10, TimeUnit.SECONDS);
                    c.sendUdp(rtp, hub, 200, RECONNECTED);
                  }
                  c.drain();
                })) {
      MediaSources sources = new MediaSources();
      sources.register(new RtspSourceFactory(settings()));
      SwitchboardOptions options =
          new SwitchboardOptions().setBackoffInitial(Duration.ofMillis(50));
      Switchboard switchboard = new Switchboard(rtsp.vertx(), sources, options);
      RecordingViewer viewer = new RecordingViewer("cam-ssrc");
      Await.get(switchboard.subscribe(RtspFixture.camera("cam-ssrc", camera.url()), viewer));
      RecordingSink.await(
          () -> !marked(viewer.frames, RECONNECTED).isEmpty(), 20_000, () -> "reconnected frames");
      assertTrue(viewer.states().contains(State.OFFLINE), "went offline: " + viewer.states());
      assertTrue(!marked(viewer.frames, OLD).isEmpty(), "frames before the restart");
      assertTrue(marked(viewer.frames, RESTARTED).isEmpty(), "a frame of the unpinned SSRC");
      assertEquals(2, connections.get());
      Await.get(switchboard.close());
    }
  }

  /** Plays SSRC 1234ABCD as announced, then switches to 55667788 from the same port. */
  private static void restartOnce(ScriptedRtspCamera.Conversation c, DatagramSocket rtp)
      throws IOException, InterruptedException {
    int hub = c.playUdp(c.untilSetup(), rtp.getLocalPort(), 0, "1234ABCD");
    c.sendUdp(rtp, hub, 20, OLD);
    c.ssrc = 0x55667788;
    c.sendUdp(rtp, hub, 100, RESTARTED); // 3 s: beyond the 1.5 s allowed for a foreign SSRC
  }

  private static List<MediaFrame> marked(List<MediaFrame> frames, byte mark) {
    return frames.stream()
        .filter(f -> f.nalUnits().stream().anyMatch(n -> n.length > 1 && n[1] == mark))
        .toList();
  }

  private static RtspSettings settings() {
    return RtspFixture.quick(RtspSettings.Transport.UDP);
  }
}
