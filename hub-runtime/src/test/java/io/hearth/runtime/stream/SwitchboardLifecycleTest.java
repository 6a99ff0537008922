package io.hearth.runtime.stream;

import static io.hearth.runtime.testing.RecordingViewer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.RecordingViewer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
/** The upstream's lifecycle: linger, reconnects with backoff, close. */
@ExtendWith(VertxExtension.class)
@Timeout(20)
class SwitchboardLifecycleTest extends SwitchboardFixture {
  @Test
  void upstreamClosesAfterLingerOnceTheLastViewerLeaves() throws Exception {
    start();
    Subscription subscription = watch(FRONT, new RecordingViewer("front"));
    ScriptedSources.Source source = scripted.last();
    Await.get(subscription.close());
    Await.get(subscription.close()); // idempotent

    assertFalse(source.closed.get(), "still open during the linger time");
    assertEquals(CameraStatus.State.ONLINE, switchboard.status("front").state());
    eventually(source.closed::get, "the upstream closed after the linger time");
    eventually(() -> switchboard.status("front").equals(CameraStatus.IDLE), "status is IDLE");
    assertTrue(switchboard.stats("front").isEmpty());
  }

  @Test
  void resubscribingDuringLingerKeepsTheUpstream() throws Exception {
    options.setLinger(Duration.ofMillis(300));
    start();
    Await.get(watch(FRONT, new RecordingViewer("front")).close());
    ScriptedSources.Source source = scripted.last();
    RecordingViewer back = new RecordingViewer("front");
    watch(FRONT, back);
    // past the linger time, the upstream stays
    Eventually.throughout(Duration.ofMillis(500), "upstream open", () -> !source.closed.get());
    assertFalse(source.closed.get());
    assertEquals(1, scripted.created.size());
    source.emit(Frames.h264("front", 0, true, 10));
    back.awaitFrames(1);
  }

  @Test
  void reconnectsWithBackoffAfterFailedOpens() throws Exception {
    scripted.failNextOpens.set(3);
    scripted.periodMillis = 5;
    start();
    RecordingViewer viewer = new RecordingViewer("front");
    watch(FRONT, viewer);
    viewer.awaitFrames(1);

    assertEquals(4, scripted.created.size());
    List<Long> at = scripted.createdAtNanos;
    for (int i = 1; i < at.size(); i++) {
      long gapMillis = (at.get(i) - at.get(i - 1)) / 1_000_000;
      long minimum = 40L * (1L << (i - 1)) / 2; // initial doubled per failure, less 50 % jitter
      assertTrue(gapMillis >= minimum, "attempt " + i + " after " + gapMillis + " ms");
    }
    CameraStatus offline =
        viewer.statuses.stream()
            .filter(s -> s.state() == CameraStatus.State.OFFLINE)
            .findFirst()
            .orElseThrow();
    assertEquals(CameraStatus.Reason.TIMEOUT, offline.reason());
    CameraStatus last = viewer.statuses.get(viewer.statuses.size() - 1);
    assertEquals(CameraStatus.State.ONLINE, last.state());
  }

  @Test
  void backoffStartsAgainAfterAHealthyConnection() throws Exception {
    options.setBackoffMax(Duration.ofSeconds(5)).setBackoffReset(Duration.ofMillis(50));
    scripted.failNextOpens.set(4); // waits of 40, 80, 160, 320 ms less jitter: next would be 640
    scripted.periodMillis = 5;
    start();
    RecordingViewer viewer = new RecordingViewer("front");
    watch(FRONT, viewer);
    viewer.awaitFrames(30); // 150 ms of frames: healthy for longer than the reset time
    long droppedAt = System.nanoTime();
    scripted.last().goOffline();
    eventually(() -> scripted.created.size() == 6, "reconnected after the drop");

    long gapMillis = (scripted.createdAtNanos.get(5) - droppedAt) / 1_000_000;
    assertTrue(gapMillis < 300, "reconnected after about 40 ms, not 640: " + gapMillis);
  }

  @Test
  void reconnectsWhenTheCameraDropsAndViewersWaitForAKeyframe() throws Exception {
    start();
    RecordingViewer viewer = new RecordingViewer("front");
    watch(FRONT, viewer);
    ScriptedSources.Source first = scripted.last();
    first.emit(Frames.h264("front", 0, true, 10));
    viewer.awaitFrames(1);
    first.goOffline();
    viewer.awaitState(CameraStatus.State.OFFLINE);
    eventually(() -> scripted.created.size() == 2, "a new source was created");
    eventually(() -> switchboard.status("front").equals(CameraStatus.ONLINE), "online again");
    ScriptedSources.Source second = scripted.last();
    first.emit(Frames.h264("front", 1, true, 10)); // late frame of the old connection
    second.emit(Frames.h264("front", 2, false, 10)); // not decodable without its keyframe
    second.emit(Frames.h264("front", 3, true, 10));
    viewer.awaitFrames(2);

    assertTrue(first.closed.get());
    assertEquals(List.of(0L, 3L), viewer.frames.stream().map(MediaFrame::timestamp90k).toList());
    assertEquals(3, switchboard.latestKeyframe("front").orElseThrow().timestamp90k());
  }

  @Test
  void aWarmedCameraConnectsBeforeItsFirstViewerWhoGetsItsPictureAtOnce() throws Exception {
    start();
    Await.get(switchboard.warm(FRONT, Duration.ofSeconds(10)));
    eventually(() -> scripted.created.size() == 1, "connected with no viewer");
    ScriptedSources.Source source = scripted.last();
    source.emit(Frames.h264("front", 0, true, 10));
    source.emit(Frames.h264("front", 1, false, 10));
    eventually(() -> switchboard.latestKeyframe("front").isPresent(), "a keyframe cached");

    RecordingViewer viewer = new RecordingViewer("front");
    watch(FRONT, viewer);

    // Delivered on subscribing, before the camera sent anything new; still one upstream.
    assertEquals(List.of(0L, 1L), viewer.frames.stream().map(MediaFrame::timestamp90k).toList());
    Await.get(switchboard.warm(FRONT, Duration.ofSeconds(10)));
    assertEquals(1, scripted.created.size());
  }

  @Test
  void aWarmedCameraNobodyWatchesClosesAfterItsHoldTime() throws Exception {
    start();
    Await.get(switchboard.warm(FRONT, Duration.ofMillis(200)));
    eventually(() -> scripted.created.size() == 1, "connected with no viewer");

    eventually(scripted.last().closed::get, "closed after the hold time");
    eventually(() -> switchboard.status("front").equals(CameraStatus.IDLE), "status is IDLE");
  }
}
