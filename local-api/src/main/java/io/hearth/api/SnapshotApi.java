package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.FfmpegStill;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.stream.Subscription;
import io.hearth.runtime.stream.Viewer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/cameras/{id}/snapshot}: the latest JPEG, for a holder of a snapshot grant:
 * from the camera's snapshot URL, else from its stream (an MJPEG frame as is; an H.264/H.265
 * keyframe decoded by ffmpeg when it is installed, else 501 saying so).
 */
final class SnapshotApi {
  static final long FRAME_WAIT_MS = 8000;

  private final ModuleContext hub;

  SnapshotApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(CamerasApi.PATH + "/:id/snapshot").handler(this::snapshot);
  }

  private void snapshot(RoutingContext ctx) {
    Future<Buffer> jpeg;
    try {
      String cameraId = CamerasApi.cameraId(ctx);
      Principal me = Authenticator.principal(ctx);
      jpeg =
          CameraAccess.check(hub, me, cameraId, Scope.SNAPSHOT)
              .compose(grant -> hub.cameras().get(cameraId))
              .compose(camera -> takeWhileAllowed(me, camera));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    jpeg.onFailure(ctx::fail)
        .onSuccess(image -> ctx.response().putHeader("Content-Type", "image/jpeg").end(image));
  }

  /**
   * Takes the picture under a lease of the access watch, and answers with it only if a check made
   * after the picture was ready (and after every change of access meanwhile) still allows it: a
   * snapshot asked for just before a revocation is refused, not served late.
   */
  private Future<Buffer> takeWhileAllowed(Principal me, Camera camera) {
    Promise<Void> withdrawn = Promise.promise();
    Lease lease = hub.accessWatch().register(new Allowed(me, camera.id(), withdrawn));
    return take(camera)
        .compose(image -> lease.whenValid().map(image))
        .compose(
            image ->
                lease.valid()
                    ? Future.succeededFuture(image)
                    : Future.<Buffer>failedFuture(
                        HubException.forbidden("access to this camera changed; ask again")))
        .recover(
            e -> Future.failedFuture(withdrawn.future().failed() ? withdrawn.future().cause() : e))
        .andThen(done -> lease.release());
  }

  /** What a snapshot in flight depends on: the holder's snapshot grant on the camera, now. */
  private final class Allowed implements AccessWatch.Dependent {
    private final Principal me;
    private final String cameraId;
    private final Promise<Void> withdrawn;

    Allowed(Principal me, String cameraId, Promise<Void> withdrawn) {
      this.me = me;
      this.cameraId = cameraId;
      this.withdrawn = withdrawn;
    }

    @Override
    public String tokenId() {
      return me.tokenId();
    }

    @Override
    public Future<Long> check(Principal holder) {
      return CameraAccess.check(hub, holder, cameraId, Scope.SNAPSHOT)
          .compose(g -> hub.cameras().get(cameraId).map(g))
          .map(g -> g == null || g.expiresAt() == null ? Long.MAX_VALUE : g.expiresAt());
    }

    @Override
    public void end(String reason) {
      withdrawn.tryFail(
          HubException.forbidden("access withdrawn while the picture was taken: " + reason));
    }
  }

  private Future<Buffer> take(Camera camera) {
    if (camera.snapshotUrl() != null) {
      return stillAdapter(camera).compose(adapter -> adapter.snapshot(hub.vertx(), camera));
    }
    return hub.switchboard()
        .latestKeyframe(camera.id())
        .map(Future::succeededFuture)
        .orElseGet(() -> firstFrame(camera))
        .compose(this::toJpeg);
  }

  /**
   * The adapter of the snapshot URL (http(s): the MJPEG adapter's fetcher, with the camera's
   * credentials), not of the stream URL: an RTSP camera's still comes over HTTP.
   */
  private Future<MediaSourceFactory> stillAdapter(Camera camera) {
    try {
      return Future.succeededFuture(hub.mediaSources().forUrl(camera.snapshotUrl()));
    } catch (HubException e) {
      return Future.failedFuture(
          new HubException(
              501,
              "not_supported",
              "no enabled adapter fetches the snapshot URL of "
                  + camera.name()
                  + " ("
                  + camera.snapshotUrl().getScheme()
                  + "://); enable the mjpeg module, which fetches http(s) stills"));
    }
  }

  private Future<Buffer> toJpeg(MediaFrame frame) {
    if (frame.codec() == Codec.JPEG) {
      return Future.succeededFuture(Buffer.buffer(frame.payload()));
    }
    return FfmpegStill.decode(hub.vertx(), frame);
  }

  /** Watches the camera just long enough for one keyframe. */
  private Future<MediaFrame> firstFrame(Camera camera) {
    Promise<MediaFrame> first = Promise.promise();
    Viewer viewer =
        new Viewer() {
          @Override
          public String cameraId() {
            return camera.id();
          }

          @Override
          public boolean ready() {
            return true;
          }

          @Override
          public void deliver(MediaFrame frame) {
            if (frame.keyframe() && frame.cameraId().equals(camera.id())) {
              first.tryComplete(frame);
            }
          }

          @Override
          public void status(CameraStatus status) {
            if (status.state() == CameraStatus.State.OFFLINE) {
              first.tryFail(
                  new HubException(
                      502,
                      "camera_offline",
                      "camera "
                          + camera.name()
                          + " is offline ("
                          + status.reason().name().toLowerCase(java.util.Locale.ROOT)
                          + ")"));
            }
          }
        };
    long timer =
        hub.vertx()
            .setTimer(
                FRAME_WAIT_MS,
                id ->
                    first.tryFail(
                        new HubException(
                            504,
                            "camera_timeout",
                            "camera " + camera.name() + " sent no picture within 8 s")));
    Future<Subscription> subscription = hub.switchboard().subscribe(camera, viewer);
    subscription.onFailure(first::tryFail);
    return first
        .future()
        .andThen(
            done -> {
              hub.vertx().cancelTimer(timer);
              subscription.onSuccess(Subscription::close);
            });
  }
}
