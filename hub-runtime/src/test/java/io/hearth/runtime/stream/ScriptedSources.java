package io.hearth.runtime.stream;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A camera adapter for tests, serving {@code scripted://} URLs: its sources emit frames when told,
 * or on a timer, and fail their open or go offline on command. It records every source it made.
 */
final class ScriptedSources implements MediaSourceFactory {
  final List<Source> created = new CopyOnWriteArrayList<>();
  final AtomicInteger failNextOpens = new AtomicInteger();
  final List<Long> createdAtNanos = new CopyOnWriteArrayList<>();
  final List<URI> createdFor = new CopyOnWriteArrayList<>();

  /** When positive, each source emits a frame this often, with groups of {@link #gop} frames. */
  volatile long periodMillis;

  volatile int gop = 5;

  static Camera camera(String id) {
    return new Camera(id, "Camera " + id, URI.create("scripted://" + id), null, null);
  }

  @Override
  public String protocol() {
    return "scripted";
  }

  @Override
  public boolean handles(URI url) {
    return "scripted".equals(url.getScheme());
  }

  @Override
  public MediaSource create(Vertx vertx, Camera camera) {
    Source source = new Source(vertx, camera.id(), failNextOpens.getAndDecrement() > 0);
    createdAtNanos.add(System.nanoTime());
    createdFor.add(camera.url());
    created.add(source);
    return source;
  }

  Source last() {
    return created.get(created.size() - 1);
  }

  /** One scripted connection. */
  final class Source implements MediaSource {
    final String cameraId;
    final boolean failOpen;
    final AtomicBoolean closed = new AtomicBoolean();
    final AtomicLong emitted = new AtomicLong();
    private final Vertx vertx;
    private volatile Context context;
    private volatile MediaSink sink;
    private long timer = -1;

    Source(Vertx vertx, String cameraId, boolean failOpen) {
      this.vertx = vertx;
      this.cameraId = cameraId;
      this.failOpen = failOpen;
    }

    @Override
    public Future<Void> open(MediaSink sink) {
      context = vertx.getOrCreateContext();
      if (failOpen) {
        return Future.failedFuture(new HubException(504, "timeout", "camera did not answer"));
      }
      this.sink = sink;
      long period = periodMillis;
      if (period > 0) {
        int length = gop;
        timer = vertx.setPeriodic(period, id -> sink.frame(next(length)));
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      closed.set(true);
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      return Future.succeededFuture();
    }

    /** Emits a frame on the source's context, as a real adapter would. */
    void emit(MediaFrame frame) {
      context.runOnContext(v -> sink.frame(frame));
    }

    /** The camera drops the connection. */
    void goOffline() {
      context.runOnContext(
          v -> sink.status(CameraStatus.offline(CameraStatus.Reason.CLOSED_BY_CAMERA, "gone")));
    }

    private MediaFrame next(int length) {
      return Frames.nth(cameraId, emitted.getAndIncrement(), length, 200);
    }
  }
}
