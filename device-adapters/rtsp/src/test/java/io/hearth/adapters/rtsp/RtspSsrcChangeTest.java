package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.stream.Switchboard;
import io.hearth.runtime.stream.SwitchboardOptions;
import io.hearth.runtime.stream.Viewer;
import io.hearth.runtime.testing.Await;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A camera that restarts its RTP stream under a new SSRC, from its pinned address and port: the hub
 * must neither adopt the new SSRC from the wire nor wedge; it gives the session up so that the feed
 * reconnects, and the fresh SETUP pins the new SSRC.
 */
class RtspSsrcChangeTest {
  private static final byte OLD = 0x11;
  private static final byte RESTARTED = 0x33;
  private static final byte RECONNECTED = 0x22;
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    Await.get(vertx.close());
  }

  @Test
  @Timeout(30)
  void aNewSsrcFromThePinnedSourceEndsTheSessionAndNeverBecomesAFrame() throws Exception {
    try (DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        ScriptedRtspCamera camera = new ScriptedRtspCamera(c -> restartOnce(c, rtp))) {
      RecordingSink sink = new RecordingSink();
      RtspSource source = new RtspSource(vertx, camera(camera), settings());
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
                    send(c, rtp, hub, RECONNECTED, 200);
                  }
                  c.drain();
                })) {
      MediaSources sources = new MediaSources();
      sources.register(new RtspSourceFactory(settings()));
      SwitchboardOptions options =
          new SwitchboardOptions().setBackoffInitial(Duration.ofMillis(50));
      Switchboard switchboard = new Switchboard(vertx, sources, options);
      RecordingViewer viewer = new RecordingViewer();
      Await.get(switchboard.subscribe(camera(camera), viewer));
      RecordingSink.await(
          () -> !marked(viewer.frames, RECONNECTED).isEmpty(), 20_000, () -> "reconnected frames");
      assertTrue(viewer.states.contains(State.OFFLINE), "went offline: " + viewer.states);
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
    send(c, rtp, hub, OLD, 20);
    c.ssrc = 0x55667788;
    send(c, rtp, hub, RESTARTED, 100); // 3 s: beyond the 1.5 s allowed for a foreign SSRC
  }

  private static void send(
      ScriptedRtspCamera.Conversation c, DatagramSocket rtp, int hubPort, byte mark, int count)
      throws IOException, InterruptedException {
    InetAddress hub = InetAddress.getLoopbackAddress();
    for (int i = 0; i < count; i++) {
      byte[] nal = new byte[100];
      nal[0] = (byte) (i % 10 == 0 ? 0x65 : 0x41);
      nal[1] = mark;
      byte[] packet = c.rtp(nal, true);
      rtp.send(new DatagramPacket(packet, packet.length, hub, hubPort));
      Thread.sleep(30);
    }
  }

  private static List<MediaFrame> marked(List<MediaFrame> frames, byte mark) {
    return frames.stream()
        .filter(f -> f.nalUnits().stream().anyMatch(n -> n.length > 1 && n[1] == mark))
        .toList();
  }

  private static Camera camera(ScriptedRtspCamera camera) {
    return new Camera("cam-ssrc", "SSRC", URI.create(camera.url()), null, null);
  }

  private static RtspSettings settings() {
    return new RtspSettings(RtspSettings.Transport.UDP, 2000, 2000, 3000, 500);
  }

  /** A viewer of the switchboard that records frames and states. */
  private static final class RecordingViewer implements Viewer {
    final List<MediaFrame> frames = new CopyOnWriteArrayList<>();
    final List<State> states = new CopyOnWriteArrayList<>();

    @Override
    public String cameraId() {
      return "cam-ssrc";
    }

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void deliver(MediaFrame frame) {
      frames.add(frame);
    }

    @Override
    public void status(CameraStatus status) {
      states.add(status.state());
    }
  }
}
