package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.RecordingViewer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
/** Fan-out and its security checks. */
@ExtendWith(VertxExtension.class)
@Timeout(20)
class SwitchboardTest extends SwitchboardFixture {
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
  void aChangedCameraReconnectsToItsNewUrlAtOnce() throws Exception {
    scripted.periodMillis = 5;
    start();
    RecordingViewer viewer = new RecordingViewer("front");
    watch(FRONT, viewer);
    viewer.awaitFrames(5);
    Camera moved =
        new Camera(
            "front", FRONT.name(), java.net.URI.create("scripted://front-moved"), null, null);

    Await.get(switchboard.update(moved));
    int before = viewer.frames.size();
    viewer.awaitFrames(before + 5);

    assertEquals(2, scripted.created.size(), "the old upstream was replaced, not kept");
    assertEquals(java.net.URI.create("scripted://front-moved"), scripted.createdFor.get(1));
    assertTrue(scripted.created.get(0).closed.get(), "the old upstream is closed");
    // A camera nobody watches has no feed to change.
    Await.get(switchboard.update(ScriptedSources.camera("back")));
    assertEquals(2, scripted.created.size());
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
