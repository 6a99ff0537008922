package io.hearth.adapters.rtsp;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP camera stream on Vert.x: connects, negotiates (OPTIONS, DESCRIBE, SETUP, PLAY) the first
 * H.264/H.265 video stream over TCP-interleaved or UDP RTP, and delivers {@link MediaFrame}s until
 * closed or until anything fails, which it reports as OFFLINE with a reason; then it is finished
 * (the switchboard makes a new one to reconnect). Everything runs on one Vert.x context, every wait
 * is bounded by {@link RtspSettings}, and no exception escapes a handler.
 */
public final class RtspSource implements MediaSource {
  private static final Logger LOG = LoggerFactory.getLogger(RtspSource.class);
  private static final int TEARDOWN_WAIT_MS = 2000;

  private final Vertx vertx;
  private final Context context;
  private final Camera camera;
  private final URI url;
  private final RtspSettings settings;
  private final AtomicBoolean used = new AtomicBoolean();
  private final Promise<Void> opened = Promise.promise();
  private final Promise<Void> closed = Promise.promise();
  private MediaSink sink;
  private RtspLink link;
  private long watchdog = -1;
  private long reports = -1;
  private boolean online;
  private boolean finished;

  public RtspSource(Vertx vertx, Camera camera, RtspSettings settings) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.camera = camera;
    this.url = VideoTrack.withoutUserInfo(camera.connectUrl());
    this.settings = settings;
  }

  @Override
  public Future<Void> open(MediaSink target) {
    if (!used.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("an RtspSource opens only once"));
    }
    this.sink = target;
    context.runOnContext(v -> guarded(this::start));
    return opened.future();
  }

  @Override
  public Future<Void> close() {
    context.runOnContext(v -> guarded(this::shutdown));
    return closed.future();
  }

  /** TCP or UDP once open succeeded; for tests and diagnostics. */
  String transport() {
    return link == null ? "" : link.transportName();
  }

  /** What UDP reception pinned and dropped so far (empty over TCP); for tests and diagnostics. */
  Future<Optional<RtspLink.UdpView>> udpView() {
    Promise<Optional<RtspLink.UdpView>> view = Promise.promise();
    context.runOnContext(v -> view.complete(link == null ? Optional.empty() : link.udpView()));
    return view.future();
  }

  private void start() {
    status(CameraStatus.CONNECTING);
    link = new RtspLink(vertx, camera, url, settings, this::frame, this::finish);
    link.connect(clientOptions())
        .onComplete(
            done -> {
              if (done.failed()) {
                finish(RtspFailure.of(done.cause()));
              } else {
                guarded(this::playing);
              }
            });
  }

  private NetClientOptions clientOptions() {
    NetClientOptions options =
        new NetClientOptions().setConnectTimeout(settings.connectTimeoutMs());
    if ("rtsps".equalsIgnoreCase(url.getScheme())) {
      options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
    }
    return options;
  }

  private void playing() {
    if (finished) {
      return;
    }
    link.startKeepAlive();
    long period = Math.max(100, Math.min(1000, settings.mediaTimeoutMs() / 4));
    watchdog = vertx.setPeriodic(period, id -> guarded(this::checkMedia));
    reports = vertx.setPeriodic(settings.rtcpIntervalMs(), id -> guarded(link::sendReport));
    LOG.info("camera {} playing over {}", camera, link.transportName());
    opened.tryComplete();
  }

  private void checkMedia() {
    long silentMs = (System.nanoTime() - link.lastPacketNanos()) / 1_000_000;
    if (!finished && silentMs > settings.mediaTimeoutMs()) {
      finish(new RtspFailure(Reason.TIMEOUT, "no video from the camera for " + silentMs + " ms"));
    }
  }

  private void frame(MediaFrame frame) {
    if (finished) {
      return;
    }
    if (!online) {
      online = true;
      status(CameraStatus.ONLINE);
    }
    try {
      sink.frame(frame);
    } catch (RuntimeException e) {
      LOG.warn("camera {}: the frame sink failed", camera, e);
    }
  }

  private void finish(RtspFailure failure) {
    if (finished) {
      return;
    }
    finished = true;
    LOG.info("camera {} offline ({}): {}", camera, failure.reason(), failure.getMessage());
    release();
    status(failure.status());
    opened.tryFail(failure.toHubException(camera.name()));
    closed.tryComplete();
  }

  private void shutdown() {
    if (finished) {
      closed.tryComplete();
      return;
    }
    finished = true;
    stopTimers();
    Promise<Void> bye = Promise.promise();
    long timer = vertx.setTimer(TEARDOWN_WAIT_MS, id -> bye.tryComplete());
    (link == null ? Future.<Void>succeededFuture() : link.teardown())
        .onComplete(done -> bye.tryComplete());
    bye.future()
        .onComplete(
            done -> {
              vertx.cancelTimer(timer);
              release();
              status(CameraStatus.IDLE);
              opened.tryFail(
                  new HubException(503, "camera_closed", "stream closed before it played"));
              closed.tryComplete();
            });
  }

  private void release() {
    stopTimers();
    if (link != null) {
      link.release();
    }
  }

  private void stopTimers() {
    vertx.cancelTimer(watchdog);
    vertx.cancelTimer(reports);
    if (link != null) {
      link.stopKeepAlive();
    }
  }

  private void status(CameraStatus status) {
    try {
      sink.status(status);
    } catch (RuntimeException e) {
      LOG.warn("camera {}: the status sink failed", camera, e);
    }
  }

  private void guarded(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      finish(RtspFailure.of(e));
    }
  }
}
