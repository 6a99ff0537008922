package io.hearth.runtime.stream;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the switchboard knows about one camera: its one upstream connection, its status, its
 * latest group of pictures and its viewers. It opens the upstream for the first viewer, reconnects
 * with jittered backoff while viewers remain, and closes the upstream a linger time after the last
 * viewer leaves. All of it runs on the switchboard's context, so it needs no lock; only the status,
 * the latest keyframe and the counters are read from other threads.
 */
final class CameraFeed implements Upstream.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(CameraFeed.class);

  private final Vertx vertx;
  private final Context context;
  private final SwitchboardOptions options;
  private MediaSourceFactory factory;
  private Camera camera;
  private final Misroutes misroutes;
  private final Consumer<CameraFeed> onClosed;
  private final List<ViewerSlot> slots = new ArrayList<>();
  private final GopCache gop;
  private final Backoff backoff;
  private final AtomicLong framesIn = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicLong misrouted = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private volatile CameraStatus status = CameraStatus.IDLE;
  private volatile int viewerCount;
  private Upstream upstream;
  private long lingerTimer = -1;
  private long retryTimer = -1;
  private boolean closed;

  CameraFeed(
      Vertx vertx,
      Context context,
      SwitchboardOptions options,
      MediaSourceFactory factory,
      Camera camera,
      Misroutes misroutes,
      Consumer<CameraFeed> onClosed) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.factory = factory;
    this.camera = camera;
    this.misroutes = misroutes;
    this.onClosed = onClosed;
    this.gop = new GopCache(options.getGopMaxBytes(), options.getGopMaxFrames());
    this.backoff =
        new Backoff(
            options.getBackoffInitial(),
            options.getBackoffMax(),
            () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Attaches a viewer: it gets the status, then the cached group of pictures at once, then live
   * frames. Fails with 503 when the camera already has the most viewers allowed.
   */
  ViewerSlot add(Viewer viewer) {
    if (slots.size() >= options.getMaxViewersPerCamera()) {
      throw new HubException(
          503,
          "too_many_viewers",
          "camera "
              + camera.name()
              + " already has "
              + slots.size()
              + " viewers, the most allowed; close another view of it, or raise the limit"
              + " (max-viewers-per-camera)");
    }
    cancelLinger();
    ViewerSlot slot = new ViewerSlot(viewer, misroutes);
    slots.add(slot);
    viewerCount = slots.size();
    if (upstream == null && retryTimer < 0) {
      connect();
    } else {
      slot.status(status);
    }
    for (MediaFrame frame : gop.frames()) {
      fanOut(slot, frame);
    }
    return slot;
  }

  /**
   * Connects before any viewer asks (at start, for cameras displays watch), so the first ones find
   * frames flowing; the upstream closes after {@code hold} if no viewer came by then.
   */
  void warm(long holdMillis) {
    if (upstream == null && retryTimer < 0) {
      connect();
    }
    if (slots.isEmpty() && lingerTimer < 0) {
      startLinger(holdMillis);
    }
  }

  /** Detaches a viewer; when it was the last, the upstream closes after the linger time. */
  void remove(ViewerSlot slot) {
    if (!slots.remove(slot) || closed) {
      return;
    }
    viewerCount = slots.size();
    if (slots.isEmpty()) {
      cancelRetry();
      startLinger(options.getLinger().toMillis());
    }
  }

  /** Closes the upstream and forgets the feed; remaining viewers are told IDLE. */
  Future<Void> shutdown() {
    if (closed) {
      return Future.succeededFuture();
    }
    closed = true;
    cancelLinger();
    cancelRetry();
    Upstream up = upstream;
    upstream = null;
    gop.clear();
    setStatus(CameraStatus.IDLE);
    slots.clear();
    viewerCount = 0;
    onClosed.accept(this);
    return up == null ? Future.succeededFuture() : up.close();
  }

  CameraStatus status() {
    return status;
  }

  /**
   * The camera changed (its URL after a DHCP move, say): the next connection uses the new one, and
   * an open or waiting connection is replaced now rather than after a backoff.
   */
  void retarget(Camera changed, MediaSourceFactory changedFactory) {
    if (closed || !changed.id().equals(camera.id())) {
      return;
    }
    camera = changed;
    factory = changedFactory;
    backoff.reset();
    Upstream up = upstream;
    if (up != null) {
      upstream = null;
      up.close().onFailure(e -> LOG.debug("closing the old upstream of {}", camera, e));
    }
    cancelRetry();
    if (!slots.isEmpty()) {
      gop.clear();
      slots.forEach(ViewerSlot::awaitKeyframe);
      connect();
    }
  }

  MediaFrame latestKeyframe() {
    return gop.latestKeyframe();
  }

  FeedStats stats() {
    return new FeedStats(
        viewerCount,
        framesIn.get(),
        delivered.get(),
        skipped.get(),
        misrouted.get(),
        connects.get());
  }

  @Override
  public void onFrame(Upstream from, MediaFrame frame) {
    if (from != upstream) {
      return;
    }
    framesIn.incrementAndGet();
    if (!frame.cameraId().equals(camera.id())) {
      misrouted.incrementAndGet();
      misroutes.record("upstream", frame.cameraId(), camera.id());
      return;
    }
    if (backoff.failures() > 0
        && from.deliveringForNanos() >= options.getBackoffReset().toNanos()) {
      backoff.reset();
    }
    gop.add(frame);
    for (ViewerSlot slot : slots) {
      fanOut(slot, frame);
    }
  }

  @Override
  public void onStatus(Upstream from, CameraStatus newStatus) {
    if (from != upstream) {
      return;
    }
    if (newStatus.state() == CameraStatus.State.OFFLINE) {
      fail(from, newStatus);
    } else if (newStatus.state() != CameraStatus.State.IDLE) {
      setStatus(newStatus);
    }
  }

  private void fanOut(ViewerSlot slot, MediaFrame frame) {
    switch (slot.offer(frame)) {
      case DELIVERED -> delivered.incrementAndGet();
      case SKIPPED -> skipped.incrementAndGet();
      case MISROUTED -> misrouted.incrementAndGet();
    }
  }

  private void connect() {
    connects.incrementAndGet();
    setStatus(CameraStatus.CONNECTING);
    Upstream up;
    try {
      up = new Upstream(context, factory.create(vertx, camera), this);
    } catch (RuntimeException e) {
      fail(null, UpstreamFailures.status(e));
      return;
    }
    upstream = up;
    up.open().onComplete(v -> opened(up), e -> fail(up, UpstreamFailures.status(e)));
  }

  private void opened(Upstream up) {
    if (up == upstream && status.state() == CameraStatus.State.CONNECTING) {
      setStatus(CameraStatus.ONLINE);
    } else if (up != upstream) {
      up.close(); // opened after the feed let go of it (closed, or failed meanwhile)
    }
  }

  /** The upstream failed: tell the viewers, then try again later while any are left. */
  private void fail(Upstream from, CameraStatus offline) {
    if (closed || from != upstream) {
      return;
    }
    if (from != null) {
      from.close().onFailure(e -> LOG.debug("closing a failed upstream of {}", camera, e));
      upstream = null;
    }
    gop.clear();
    slots.forEach(ViewerSlot::awaitKeyframe);
    setStatus(offline);
    if (!slots.isEmpty()) {
      long delay = backoff.nextMillis();
      LOG.info("{} is offline ({}); reconnecting in {} ms", camera, offline.detail(), delay);
      retryTimer = vertx.setTimer(delay, id -> retry());
    }
  }

  private void retry() {
    retryTimer = -1;
    if (!closed && upstream == null && !slots.isEmpty()) {
      connect();
    }
  }

  private void startLinger(long millis) {
    if (millis == 0) {
      shutdown();
      return;
    }
    lingerTimer =
        vertx.setTimer(
            millis,
            id -> {
              lingerTimer = -1;
              if (slots.isEmpty()) {
                shutdown().onFailure(e -> LOG.debug("closing the upstream of {}", camera, e));
              }
            });
  }

  private void cancelLinger() {
    if (lingerTimer >= 0) {
      vertx.cancelTimer(lingerTimer);
      lingerTimer = -1;
    }
  }

  private void cancelRetry() {
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
      retryTimer = -1;
    }
  }

  private void setStatus(CameraStatus newStatus) {
    if (newStatus.equals(status)) {
      return;
    }
    status = newStatus;
    for (ViewerSlot slot : slots) {
      slot.status(newStatus);
    }
  }
}
