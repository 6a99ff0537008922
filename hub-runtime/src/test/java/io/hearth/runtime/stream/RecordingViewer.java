package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A viewer that records what it gets and can pretend its socket is full. */
class RecordingViewer implements Viewer {
  final List<MediaFrame> frames = new CopyOnWriteArrayList<>();
  final List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
  volatile boolean ready = true;
  private final String cameraId;

  RecordingViewer(String cameraId) {
    this.cameraId = cameraId;
  }

  @Override
  public String cameraId() {
    return cameraId;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public void deliver(MediaFrame frame) {
    frames.add(frame);
  }

  @Override
  public void status(CameraStatus status) {
    statuses.add(status);
  }

  void awaitFrames(int count) {
    eventually(
        () -> frames.size() >= count, "a viewer of " + cameraId + " got " + count + " frames");
  }

  void awaitState(CameraStatus.State state) {
    eventually(
        () -> statuses.stream().anyMatch(s -> s.state() == state),
        "a viewer of " + cameraId + " was told " + state);
  }

  /** Polls {@code condition} for up to 5 s, from a test thread. */
  static void eventually(BooleanSupplier condition, String what) {
    try {
      Eventually.within(Duration.ofSeconds(5), what, condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted waiting until " + what);
    }
  }
}
