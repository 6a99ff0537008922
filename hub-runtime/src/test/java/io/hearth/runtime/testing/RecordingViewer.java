package io.hearth.runtime.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A viewer of one camera for tests: records every frame and status it gets (what a victim actually
 * received) and can pretend its socket is full ({@link #ready}). The one test viewer; for picture
 * sizes see {@link PictureSizes}.
 */
public class RecordingViewer extends BaseViewer {
  public final List<MediaFrame> frames = new CopyOnWriteArrayList<>();
  public final List<CameraStatus> statuses = new CopyOnWriteArrayList<>();
  public volatile boolean ready = true;

  public RecordingViewer(String cameraId) {
    super(cameraId);
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

  /** Frames of {@code codec} that carry this viewer's camera id. */
  public int frames(Codec codec) {
    return (int) frames.stream().filter(f -> f.codec() == codec && ours(f)).count();
  }

  /** Keyframes of {@code codec} that carry this viewer's camera id. */
  public int keyframes(Codec codec) {
    return (int) frames.stream().filter(f -> f.codec() == codec && ours(f) && f.keyframe()).count();
  }

  /** The states it was told, in order. */
  public List<CameraStatus.State> states() {
    return statuses.stream().map(CameraStatus::state).toList();
  }

  private boolean ours(MediaFrame frame) {
    return frame.cameraId().equals(cameraId());
  }

  /** Waits (5 s at most) until it got {@code count} frames. */
  public void awaitFrames(int count) {
    eventually(
        () -> frames.size() >= count, "a viewer of " + cameraId() + " got " + count + " frames");
  }

  /** Waits (5 s at most) until it was told {@code state}. */
  public void awaitState(CameraStatus.State state) {
    eventually(
        () -> statuses.stream().anyMatch(s -> s.state() == state),
        "a viewer of " + cameraId() + " was told " + state);
  }

  /** Polls {@code condition} for up to 5 s, from a test thread. */
  public static void eventually(BooleanSupplier condition, String what) {
    try {
      Eventually.within(Duration.ofSeconds(5), what, condition);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted waiting until " + what);
    }
  }
}
