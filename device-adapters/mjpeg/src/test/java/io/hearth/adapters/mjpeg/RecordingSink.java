package io.hearth.adapters.mjpeg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.media.MediaFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A sink that keeps what it is given and lets a test wait, with a bound, for frames or OFFLINE. */
final class RecordingSink implements MediaSink {
  final List<MediaFrame> frames = new CopyOnWriteArrayList<>();
  final List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();
  private final CompletableFuture<CameraStatus> offline = new CompletableFuture<>();
  private final CountDownLatch enoughFrames;

  RecordingSink(int framesWanted) {
    this.enoughFrames = new CountDownLatch(framesWanted);
  }

  @Override
  public void frame(MediaFrame frame) {
    threads.add(Thread.currentThread().getName());
    frames.add(frame);
    enoughFrames.countDown();
  }

  @Override
  public void status(CameraStatus status) {
    threads.add(Thread.currentThread().getName());
    statuses.add(status);
    if (status.state() == CameraStatus.State.OFFLINE) {
      offline.complete(status);
    }
  }

  /** Waits up to {@code seconds} for the number of frames asked for at construction. */
  void awaitFrames(int seconds) throws InterruptedException {
    assertTrue(
        enoughFrames.await(seconds, TimeUnit.SECONDS),
        "frames within " + seconds + " s; got " + frames.size() + ", statuses " + statuses);
  }

  /** Waits up to {@code seconds} for OFFLINE. */
  CameraStatus awaitOffline(int seconds) throws Exception {
    try {
      return offline.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no OFFLINE within " + seconds + " s; statuses " + statuses, e);
    }
  }

  List<CameraStatus.State> states() {
    return statuses.stream().map(CameraStatus::state).toList();
  }
}
