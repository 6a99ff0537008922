package io.hearth.runtime.testing;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.LongFunction;

/**
 * A test camera without a network: goes online when opened and emits the n-th frame every {@code
 * periodMs}, until closed. For tests of what happens after the adapter (switchboard, sessions,
 * transports); adapters themselves are tested against real cameras.
 */
public final class PeriodicSource implements MediaSource {
  private final Vertx vertx;
  private final long periodMs;
  private final LongFunction<MediaFrame> frames;
  private final Runnable onOpen;
  private final Runnable onClose;
  private long timer = -1;

  /** {@code onOpen} and {@code onClose} let a test count upstream connections. */
  public PeriodicSource(
      Vertx vertx,
      long periodMs,
      LongFunction<MediaFrame> frames,
      Runnable onOpen,
      Runnable onClose) {
    this.vertx = vertx;
    this.periodMs = periodMs;
    this.frames = frames;
    this.onOpen = onOpen;
    this.onClose = onClose;
  }

  @Override
  public Future<Void> open(MediaSink sink) {
    onOpen.run();
    sink.status(CameraStatus.ONLINE);
    long[] n = {0};
    timer = vertx.setPeriodic(periodMs, id -> sink.frame(frames.apply(n[0]++)));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    onClose.run();
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }
}
