package io.hearth.runtime.stream;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * One connection attempt of a {@link CameraFeed}: a {@link MediaSource} and the sink it writes to.
 * The sink hops onto the feed's context, and goes silent once the feed lets go of this upstream, so
 * a late frame or status of an old connection never reaches the viewers of a newer one.
 */
final class Upstream implements MediaSink {
  /** Where an upstream's frames and status go, on the feed's context. */
  interface Listener {
    void onFrame(Upstream upstream, MediaFrame frame);

    void onStatus(Upstream upstream, CameraStatus status);
  }

  private final Context context;
  private final MediaSource source;
  private final Listener listener;
  private boolean attached = true;
  private long firstFrameNanos;
  private boolean delivering;

  Upstream(Context context, MediaSource source, Listener listener) {
    this.context = context;
    this.source = source;
    this.listener = listener;
  }

  /** Opens the source; a source that throws instead of failing its future fails it here. */
  Future<Void> open() {
    try {
      return source.open(this);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Silences this upstream, then closes its source. Call on the feed's context. */
  Future<Void> close() {
    attached = false;
    try {
      return source.close();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Nanoseconds since this upstream's first frame; zero before it. */
  long deliveringForNanos() {
    return delivering ? System.nanoTime() - firstFrameNanos : 0;
  }

  @Override
  public void frame(MediaFrame frame) {
    onContext(
        () -> {
          if (!delivering) {
            delivering = true;
            firstFrameNanos = System.nanoTime();
          }
          listener.onFrame(this, frame);
        });
  }

  @Override
  public void status(CameraStatus status) {
    onContext(() -> listener.onStatus(this, status));
  }

  private void onContext(Runnable action) {
    Runnable guarded =
        () -> {
          if (attached) {
            action.run();
          }
        };
    if (Vertx.currentContext() == context) {
      guarded.run();
    } else {
      context.runOnContext(v -> guarded.run());
    }
  }
}
