package io.hearth.adapters.mjpeg;

import io.hearth.adapters.mjpeg.codec.MjpegFormatException;
import io.hearth.adapters.mjpeg.codec.MultipartBoundary;
import io.hearth.adapters.mjpeg.codec.MultipartJpegParser;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MJPEG-over-HTTP connection to one camera: a GET of a {@code multipart/x-mixed-replace}
 * stream, each part a JPEG delivered as a keyframe stamped with its arrival time (90 kHz). Status
 * goes CONNECTING, then ONLINE at the first image, then OFFLINE with a reason, after which the
 * source is finished. All work runs on one Vert.x context; every wait is bounded by the settings.
 */
public final class MjpegSource implements MediaSource {
  private static final Logger LOG = LoggerFactory.getLogger(MjpegSource.class);
  private static final long WATCHDOG_PERIOD_MS = 200;

  private final Vertx vertx;
  private final Camera camera;
  private final MjpegSettings settings;
  private final Promise<Void> opened = Promise.promise();
  private volatile Context context;
  private HttpClientAgent client;
  private MediaSink sink;
  private MultipartJpegParser parser;
  private boolean finished;
  private boolean responded;
  private boolean online;
  private long watchdog = -1;
  private long startNanos;
  private long lastFrameNanos;

  MjpegSource(Vertx vertx, Camera camera, MjpegSettings settings) {
    this.vertx = vertx;
    this.camera = camera;
    this.settings = settings;
  }

  /** Completes at the first image; fails with a {@link HubException} if the camera never plays. */
  @Override
  public synchronized Future<Void> open(MediaSink sink) {
    if (this.sink != null) {
      return Future.failedFuture(new IllegalStateException("an MjpegSource opens only once"));
    }
    this.sink = sink;
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> connect());
    return opened.future();
  }

  /** Ends the connection without reporting OFFLINE: the caller asked for it. Idempotent. */
  @Override
  public Future<Void> close() {
    if (context == null) {
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    context.runOnContext(v -> closed.complete()); // ordering: after anything already queued
    return closed.future().compose(v -> shutDown(null));
  }

  private void connect() {
    startNanos = System.nanoTime();
    lastFrameNanos = startNanos;
    report(CameraStatus.CONNECTING);
    watchdog = vertx.setPeriodic(WATCHDOG_PERIOD_MS, id -> checkTimeout());
    client = CameraRequests.client(vertx, settings);
    RequestOptions request = CameraRequests.get(camera.connectUrl());
    CameraRequests.send(
            client,
            request,
            CameraRequests.credentials(camera, camera.connectUrl()),
            camera.plainPasswordAllowed(camera.url()))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                onResponse(ar.result(), request.getURI());
              } else {
                fail(OfflineReasons.of(ar.cause(), responded));
              }
            });
  }

  private void onResponse(HttpClientResponse response, String path) {
    if (finished) {
      CameraRequests.discard(response);
      return;
    }
    responded = true;
    if (response.statusCode() / 100 != 2) {
      fail(OfflineReasons.ofHttpStatus(response.statusCode(), response.statusMessage(), path));
      return;
    }
    try {
      String boundary =
          MultipartBoundary.fromContentType(response.getHeader(HttpHeaders.CONTENT_TYPE));
      parser = new MultipartJpegParser(boundary, settings.maxFrameBytes());
    } catch (MjpegFormatException e) {
      fail(CameraStatus.offline(Reason.PROTOCOL_ERROR, e.getMessage()));
      return;
    }
    response.handler(this::onData);
    response.exceptionHandler(e -> fail(OfflineReasons.of(e, true)));
    response.endHandler(v -> fail(closedByCamera()));
  }

  private CameraStatus closedByCamera() {
    String how = parser != null && parser.done() ? "closed the stream" : "ended the stream";
    return CameraStatus.offline(Reason.CLOSED_BY_CAMERA, "the camera " + how);
  }

  private void onData(Buffer chunk) {
    if (finished) {
      return;
    }
    try {
      byte[] bytes = chunk.getBytes();
      parser.feed(bytes, 0, bytes.length, this::deliver);
    } catch (MjpegFormatException e) {
      fail(CameraStatus.offline(Reason.PROTOCOL_ERROR, e.getMessage()));
    }
  }

  private void deliver(byte[] image) {
    if (finished) {
      return;
    }
    long now = System.nanoTime();
    lastFrameNanos = now;
    if (!online) {
      online = true;
      report(CameraStatus.ONLINE);
      opened.tryComplete();
    }
    long timestamp90k = TimeUnit.NANOSECONDS.toMicros(now - startNanos) * 9 / 100;
    MediaFrame frame = new MediaFrame(camera.id(), Codec.JPEG, timestamp90k, true, image);
    try {
      sink.frame(frame);
    } catch (RuntimeException e) {
      LOG.warn("media sink of camera {} failed on a frame", camera.id(), e);
    }
  }

  private void checkTimeout() {
    long silentNanos = System.nanoTime() - lastFrameNanos;
    if (!finished && silentNanos >= settings.frameTimeout().toNanos()) {
      String what = online ? "no new image" : "no image";
      long ms = TimeUnit.NANOSECONDS.toMillis(silentNanos);
      fail(CameraStatus.offline(Reason.TIMEOUT, what + " from the camera for " + ms + " ms"));
    }
  }

  private void fail(CameraStatus status) {
    if (finished) {
      return;
    }
    LOG.info("camera {} offline: {} {}", camera.id(), status.reason(), status.detail());
    opened.tryFail(OfflineReasons.toHubException(camera, status));
    shutDown(status);
  }

  private Future<Void> shutDown(CameraStatus status) {
    boolean wasFinished = finished;
    finished = true;
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
      watchdog = -1;
    }
    opened.tryFail(
        new HubException(503, "stream_closed", "the stream of " + camera.name() + " was closed"));
    if (status != null && !wasFinished) {
      report(status);
    }
    HttpClientAgent toClose = client;
    client = null;
    return toClose == null ? Future.succeededFuture() : toClose.close();
  }

  private void report(CameraStatus status) {
    try {
      sink.status(status);
    } catch (RuntimeException e) {
      LOG.warn("media sink of camera {} failed on status {}", camera.id(), status, e);
    }
  }
}
