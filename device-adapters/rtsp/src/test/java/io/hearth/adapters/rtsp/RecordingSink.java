package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A sink that records what a source delivers, with bounded waits for tests. */
final class RecordingSink implements MediaSink {
  final List<MediaFrame> frames = new CopyOnWriteArrayList<>();
  final List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
  final List<String> threads = new CopyOnWriteArrayList<>();

  @Override
  public void frame(MediaFrame frame) {
    frames.add(frame);
  }

  @Override
  public void status(CameraStatus status) {
    statuses.add(status);
    threads.add(Thread.currentThread().getName());
  }

  /** Waits until {@code count} frames arrived. */
  List<MediaFrame> awaitFrames(int count, long millis) {
    await(() -> frames.size() >= count, millis, () -> count + " frames, got " + frames.size());
    return new ArrayList<>(frames);
  }

  /** Waits for a status of this state and returns it. */
  CameraStatus awaitState(CameraStatus.State state, long millis) {
    await(
        () -> statuses.stream().anyMatch(s -> s.state() == state),
        millis,
        () -> "state " + state + "; statuses " + statuses);
    return statuses.stream().filter(s -> s.state() == state).findFirst().orElseThrow();
  }

  List<CameraStatus.State> states() {
    return statuses.stream().map(CameraStatus::state).toList();
  }

  static void await(
      BooleanSupplier condition, long millis, java.util.function.Supplier<String> what) {
    try {
      Eventually.within(Duration.ofMillis(millis), "the awaited condition", condition);
    } catch (AssertionError e) {
      fail("waited " + millis + " ms for " + what.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
  }
}
