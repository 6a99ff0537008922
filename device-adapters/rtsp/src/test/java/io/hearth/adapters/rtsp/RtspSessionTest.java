package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.CameraStatus.State;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a playing session sends back to the camera: keep-alives, receiver reports, TEARDOWN. */
class RtspSessionTest {
  @RegisterExtension static final RtspFixture rtsp = new RtspFixture();

  @Test
  @Timeout(20)
  void keepsAliveAtHalfTheSessionTimeoutAndReportsReceptionOverRtcp() throws Exception {
    try (ScriptedRtspCamera camera = RtspFixture.streaming(500, 10, 20)) {
      camera.sessionTimeoutSeconds = 2;
      RtspSettings settings = new RtspSettings(RtspSettings.Transport.TCP, 2000, 2000, 5000, 500);
      MediaSource source = rtsp.open("session", camera.url(), settings, new RecordingSink());
      RecordingSink.await(
          () -> camera.methods.contains("GET_PARAMETER"), 5000, () -> "a keep-alive");
      RecordingSink.await(
          () -> camera.framesFromClient.stream().anyMatch(RtspSessionTest::isReceiverReport),
          5000,
          () -> "an RTCP receiver report on channel 1");
      byte[] report =
          camera.framesFromClient.stream()
              .filter(RtspSessionTest::isReceiverReport)
              .findFirst()
              .orElseThrow();
      assertEquals(1, report[1] & 0x1F, "one report block");
      assertEquals(0x1234ABCD, intAt(report, 9), "the block is about the camera's SSRC");
      Await.get(source.close());
    }
  }

  @Test
  @Timeout(20)
  void closeSendsTeardownAndEndsIdle() throws Exception {
    try (ScriptedRtspCamera camera = RtspFixture.streaming(500, 10, 20)) {
      RecordingSink sink = new RecordingSink();
      MediaSource source = rtsp.open("session", camera.url(), RtspSettings.defaults(), sink);
      sink.awaitFrames(3, 5000);
      Await.get(source.close());
      RecordingSink.await(() -> camera.methods.contains("TEARDOWN"), 5000, () -> "TEARDOWN");
      assertEquals(State.IDLE, sink.statuses.get(sink.statuses.size() - 1).state());
      int frames = sink.frames.size();
      Eventually.throughout(
          Duration.ofMillis(300), "no frames after close", () -> sink.frames.size() == frames);
      assertTrue(sink.threads.stream().allMatch(t -> t.startsWith("vert.x-eventloop")));
    }
  }

  private static boolean isReceiverReport(byte[] frame) {
    return frame[0] == 1 && frame.length > 2 && (frame[2] & 0xFF) == 201;
  }

  private static int intAt(byte[] data, int at) {
    return ((data[at] & 0xFF) << 24)
        | ((data[at + 1] & 0xFF) << 16)
        | ((data[at + 2] & 0xFF) << 8)
        | (data[at + 3] & 0xFF);
  }
}
