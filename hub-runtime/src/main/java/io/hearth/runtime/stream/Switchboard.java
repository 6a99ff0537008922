package io.hearth.runtime.stream;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One upstream connection per watched camera, fanned out to its viewers: the first viewer of a
 * camera opens its {@link io.hearth.runtime.camera.MediaSource}, later viewers share it and get the
 * cached group of pictures at once, and the upstream closes a linger time after the last viewer
 * leaves. Each camera is one {@link CameraFeed}; the only map is of feeds by camera id, since a
 * feed is per camera. Every frame is checked against its viewer's camera before delivery.
 *
 * <p>All feeds run on the switchboard's context (the one it is created on, or a new event-loop
 * context), so nothing needs a lock; the public methods may be called from any thread.
 */
public final class Switchboard {
  private final Vertx vertx;
  private final Context context;
  private final MediaSources sources;
  private final SwitchboardOptions options;
  private final Map<String, CameraFeed> feeds = new ConcurrentHashMap<>();
  private final Misroutes misroutes = new Misroutes();
  private final FeedTotals retired = new FeedTotals();
  private volatile boolean closed;

  public Switchboard(Vertx vertx, MediaSources sources, SwitchboardOptions options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.sources = Objects.requireNonNull(sources, "sources");
    this.options = Objects.requireNonNull(options, "options");
    this.context = vertx.getOrCreateContext();
  }

  /**
   * Attaches {@code viewer} to {@code camera}'s feed, opening the camera's upstream if it is the
   * first viewer. The viewer is then called on the switchboard's context: the camera's status, the
   * cached group of pictures, then live frames. Fails with 403 if the viewer is for another camera,
   * 400 if no adapter serves the camera's URL, 503 if the camera has the most viewers allowed or
   * the switchboard is closed.
   */
  public Future<Subscription> subscribe(Camera camera, Viewer viewer) {
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(viewer, "viewer");
    return onContext(() -> Future.succeededFuture(attach(camera, viewer)));
  }

  /**
   * Opens the camera's upstream before anyone watches it, so that its first viewers get the cached
   * group of pictures at once; with no viewer by {@code hold}, it closes again. The hub does this
   * at start for cameras that displays watch. It authorises nothing: viewers still subscribe one by
   * one, after their own checks. Does nothing if the camera already has a feed.
   */
  public Future<Void> warm(Camera camera, Duration hold) {
    Objects.requireNonNull(camera, "camera");
    return onContext(
        () -> {
          if (!closed && !feeds.containsKey(camera.id())) {
            feedOf(camera).warm(hold.toMillis());
          }
          return Future.succeededFuture();
        });
  }

  /**
   * The camera's settings changed: a feed that is open reconnects with them at once. Cameras nobody
   * watches pick them up on their next viewer.
   */
  public Future<Void> update(Camera camera) {
    Objects.requireNonNull(camera, "camera");
    return onContext(
        () -> {
          CameraFeed feed = feeds.get(camera.id());
          if (feed != null) {
            feed.retarget(camera, sources.forUrl(camera.url()));
          }
          return Future.succeededFuture();
        });
  }

  /** The camera's status; IDLE when nobody watches it. */
  public CameraStatus status(String cameraId) {
    CameraFeed feed = feeds.get(cameraId);
    return feed == null ? CameraStatus.IDLE : feed.status();
  }

  /** The keyframe that starts the camera's cached group of pictures, for a snapshot. */
  public Optional<MediaFrame> latestKeyframe(String cameraId) {
    return Optional.ofNullable(feeds.get(cameraId)).map(CameraFeed::latestKeyframe);
  }

  /** The counters of the camera's feed, if it has one. */
  public Optional<FeedStats> stats(String cameraId) {
    return Optional.ofNullable(feeds.get(cameraId)).map(CameraFeed::stats);
  }

  /**
   * Counters of every feed since start, those closed since included (for {@code /metrics}); its
   * {@code viewers} are those attached now.
   */
  public FeedStats totals() {
    FeedTotals all = retired.copy();
    feeds.values().forEach(f -> all.add(f.stats()));
    return all.stats();
  }

  /** Cameras with an open feed now, and how many of them are online. */
  public int[] feedsOpenAndOnline() {
    int open = 0;
    int online = 0;
    for (CameraFeed feed : feeds.values()) {
      open++;
      online += feed.status().state() == CameraStatus.State.ONLINE ? 1 : 0;
    }
    return new int[] {open, online};
  }

  /** Frames dropped in all because their camera id was not the one they were routed to. */
  public long misroutedFrames() {
    return misroutes.count();
  }

  /**
   * The one place misrouted frames are counted and reported, whichever layer caught them (the
   * upstream, the viewer slot, a session's encoder).
   */
  public Misroutes misroutes() {
    return misroutes;
  }

  /**
   * The camera is gone (deleted): its upstream closes now rather than after the linger time, and
   * its remaining viewers are detached and told IDLE. A later subscription opens it afresh.
   */
  public Future<Void> remove(String cameraId) {
    return onContext(
        () -> {
          CameraFeed feed = feeds.get(cameraId);
          return feed == null ? Future.succeededFuture() : feed.shutdown();
        });
  }

  /** Closes every upstream and detaches every viewer; later subscriptions fail with 503. */
  public Future<Void> close() {
    closed = true;
    return onContext(
        () -> {
          List<Future<Void>> closing = new ArrayList<>();
          for (CameraFeed feed : List.copyOf(feeds.values())) {
            closing.add(feed.shutdown());
          }
          return Future.join(closing).mapEmpty();
        });
  }

  private Subscription attach(Camera camera, Viewer viewer) {
    if (closed) {
      throw new HubException(503, "switchboard_closed", "the hub is stopping its video streams");
    }
    if (!camera.id().equals(viewer.cameraId())) {
      throw HubException.forbidden(
          "a viewer of camera " + viewer.cameraId() + " cannot watch camera " + camera.id());
    }
    CameraFeed feed = feedOf(camera);
    return new FeedSubscription(feed, feed.add(viewer));
  }

  /** The camera's feed, made (not yet connected) if it has none. */
  private CameraFeed feedOf(Camera camera) {
    CameraFeed feed = feeds.get(camera.id());
    if (feed == null) {
      MediaSourceFactory factory = sources.forUrl(camera.url());
      feed =
          new CameraFeed(
              vertx,
              context,
              options,
              factory,
              camera,
              misroutes,
              f -> {
                if (feeds.remove(camera.id(), f)) {
                  retired.add(f.stats());
                }
              });
      feeds.put(camera.id(), feed);
    }
    return feed;
  }

  /**
   * Runs {@code action} on the switchboard's context and completes the answer on the caller's
   * context, if the caller has one.
   */
  private <T> Future<T> onContext(Supplier<Future<T>> action) {
    Context caller = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    context.runOnContext(
        v -> {
          Future<T> result;
          try {
            result = action.get();
          } catch (RuntimeException e) {
            result = Future.failedFuture(e);
          }
          result.onComplete(
              ar -> {
                if (caller == null || caller == context) {
                  promise.handle(ar);
                } else {
                  caller.runOnContext(x -> promise.handle(ar));
                }
              });
        });
    return promise.future();
  }

  /** A viewer's attachment to one feed. */
  private final class FeedSubscription implements Subscription {
    private final CameraFeed feed;
    private final ViewerSlot slot;
    private final AtomicBoolean detached = new AtomicBoolean();

    FeedSubscription(CameraFeed feed, ViewerSlot slot) {
      this.feed = feed;
      this.slot = slot;
    }

    @Override
    public Future<Void> close() {
      if (!detached.compareAndSet(false, true)) {
        return Future.succeededFuture();
      }
      return onContext(
          () -> {
            feed.remove(slot);
            return Future.succeededFuture();
          });
    }
  }
}
