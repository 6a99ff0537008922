package io.hearth.runtime.stream;

import static io.hearth.runtime.stream.RecordingViewer.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.HubException;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(20)
class SwitchboardTest {
  private static final Camera FRONT = ScriptedSources.camera("front");
  private static final Camera BACK = ScriptedSources.camera("back");

  private final ScriptedSources scripted = new ScriptedSources();
  private SwitchboardOptions options;
  private Switchboard switchboard;
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    options =
        new SwitchboardOptions()
            .setLinger(Duration.ofMillis(200))
            .setBackoffInitial(Duration.ofMillis(40))
            .setBackoffMax(Duration.ofMillis(160));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (switchboard != null) {
      Await.get(switchboard.close());
    }
  }

  private Switchboard start() {
    MediaSources sources = new MediaSources();
    sources.register(scripted);
    switchboard = new Switchboard(vertx, sources, options);
    return switchboard;
  }

  private Subscription watch(Camera camera, Viewer viewer) throws Exception {
    return Await.get(switchboard.subscribe(camera, viewer));
  }

  private static HubException failure(Future<?> future) {
    ExecutionException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> Await.get(future));
    return assertInstanceOf(HubException.class, e.getCause());
  }

  @Test
  void manyViewersShareOneUpstream() throws Exception {
    scripted.periodMillis = 5;
    start();
    List<RecordingViewer> viewers =
        List.of(
            new RecordingViewer("front"),
            new RecordingViewer("front"),
            new RecordingViewer("front"));
    for (RecordingViewer viewer : viewers) {
      watch(FRONT, viewer);
    }
    viewers.forEach(v -> v.awaitFrames(10));

    assertEquals(1, scripted.created.size(), "one upstream for three viewers");
    assertEquals(CameraStatus.State.ONLINE, switchboard.status("front").state());
    assertEquals(3, switchboard.stats("front").orElseThrow().viewers());
  }

  @Test
  void newViewerGetsTheCachedGroupOfPicturesAtOnce() throws Exception {
    start();
    RecordingViewer first = new RecordingViewer("front");
    watch(FRONT, first);
    ScriptedSources.Source source = scripted.last();
    for (int i = 0; i < 8; i++) {
      source.emit(Frames.nth("front", i, 5, 100)); // keyframes at 0 and 5
    }
    first.awaitFrames(8);

    RecordingViewer late = new RecordingViewer("front");
    watch(FRONT, late);

    // Delivered before subscribe completed: no new frame was emitted meanwhile.
    assertEquals(first.frames.subList(5, 8), late.frames);
    assertTrue(late.frames.get(0).keyframe());
    assertEquals(first.frames.get(5), switchboard.latestKeyframe("front").orElseThrow());
  }

  @Test
  void slowViewerSkipsToTheNextKeyframeWhileFastViewerGetsEverything() throws Exception {
    start();
    RecordingViewer fast = new RecordingViewer("front");
    RecordingViewer slow = new RecordingViewer("front");
    watch(FRONT, fast);
    watch(FRONT, slow);
    ScriptedSources.Source source = scripted.last();
    emit(source, fast, 0, 3); // K P P: both get them
    slow.ready = false;
    emit(source, fast, 3, 5); // P P: slow is full
    slow.ready = true;
    emit(source, fast, 5, 12); // P P P P K P P: slow waits for the keyframe at 10

    assertEquals(12, fast.frames.size());
    List<Long> slowTimes = slow.frames.stream().map(MediaFrame::timestamp90k).toList();
    assertEquals(List.of(0L, 3000L, 6000L, 30000L, 33000L), slowTimes);
    FeedStats stats = switchboard.stats("front").orElseThrow();
    assertEquals(12, stats.framesIn());
    assertEquals(7, stats.framesSkipped());
    assertEquals(17, stats.framesDelivered());
  }

  private static void emit(
      ScriptedSources.Source source, RecordingViewer witness, int from, int to) {
    for (int i = from; i < to; i++) {
      source.emit(Frames.h264("front", i * 3000L, i % 10 == 0, 100));
    }
    witness.awaitFrames(to);
  }

  @Test
  void jpegViewerResumesAtTheVeryNextFrame() throws Exception {
    start();
    RecordingViewer fast = new RecordingViewer("front");
    RecordingViewer slow = new RecordingViewer("front");
    watch(FRONT, fast);
    watch(FRONT, slow);
    slow.ready = false;
    scripted.last().emit(Frames.jpeg("front", 0, 50));
    fast.awaitFrames(1);
    slow.ready = true;
    scripted.last().emit(Frames.jpeg("front", 3000, 50));
    fast.awaitFrames(2);

    assertEquals(List.of(fast.frames.get(1)), slow.frames);
  }

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
    Thread.sleep(500); // past the linger time

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
  void subscribeFromAnotherContextCompletesOnThatContext(VertxTestContext test) {
    start();
    RecordingViewer viewer = new RecordingViewer("front");
    vertx.runOnContext(
        v -> {
          io.vertx.core.Context caller = Vertx.currentContext();
          switchboard
              .subscribe(FRONT, viewer)
              .onComplete(
                  test.succeeding(
                      subscription ->
                          test.verify(
                              () -> {
                                assertTrue(caller == Vertx.currentContext(), "caller's context");
                                assertEquals(1, scripted.created.size());
                                test.completeNow();
                              })));
        });
  }

  @Test
  void frameOfAnotherCameraIsDroppedAndCounted() throws Exception {
    start();
    RecordingViewer front = new RecordingViewer("front");
    watch(FRONT, front);
    ScriptedSources.Source source = scripted.last();
    source.emit(Frames.h264("back", 0, true, 10)); // a confused adapter
    source.emit(Frames.h264("front", 1, true, 10));
    front.awaitFrames(1);

    assertEquals(List.of("front"), front.frames.stream().map(MediaFrame::cameraId).toList());
    assertEquals(1, switchboard.misroutedFrames());
    assertEquals(1, switchboard.stats("front").orElseThrow().misroutedFrames());
    assertEquals("front", switchboard.latestKeyframe("front").orElseThrow().cameraId());
  }

  @Test
  void viewerOfAnotherCameraCannotSubscribe() throws Exception {
    start();
    HubException e = failure(switchboard.subscribe(FRONT, new RecordingViewer("back")));

    assertEquals(403, e.status());
    assertTrue(scripted.created.isEmpty());
  }

  @Test
  void viewerLimitIsEnforced() throws Exception {
    options.setMaxViewersPerCamera(2);
    start();
    watch(FRONT, new RecordingViewer("front"));
    watch(FRONT, new RecordingViewer("front"));
    HubException e = failure(switchboard.subscribe(FRONT, new RecordingViewer("front")));

    assertEquals(503, e.status());
    assertTrue(e.getMessage().contains("already has 2 viewers"), e.getMessage());
    watch(BACK, new RecordingViewer("back")); // the limit is per camera
  }

  @Test
  void unknownUrlSchemeFailsWithBadRequest() throws Exception {
    start();
    Camera odd = new Camera("odd", "Odd", java.net.URI.create("gopher://odd"), null, null);

    assertEquals(400, failure(switchboard.subscribe(odd, new RecordingViewer("odd"))).status());
  }

  @Test
  void closeEndsEveryUpstreamAndRefusesNewViewers() throws Exception {
    start();
    RecordingViewer front = new RecordingViewer("front");
    watch(FRONT, front);
    watch(BACK, new RecordingViewer("back"));
    Await.get(switchboard.close());

    assertTrue(scripted.created.stream().allMatch(s -> s.closed.get()));
    assertEquals(CameraStatus.IDLE, switchboard.status("front"));
    assertEquals(CameraStatus.IDLE, front.statuses.get(front.statuses.size() - 1));
    assertEquals(503, failure(switchboard.subscribe(FRONT, new RecordingViewer("front"))).status());
  }
}
