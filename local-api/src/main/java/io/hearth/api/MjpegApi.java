package io.hearth.api;

import io.hearth.runtime.HubContext;
import io.hearth.runtime.HubException;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.session.LeaseGate;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.stream.Subscription;
import io.hearth.runtime.stream.Viewer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /api/v1/cameras/{id}/mjpeg}: the camera as multipart JPEG for simple clients (a bearer
 * token, a live grant). It is a stream session like any other: audited, re-authorised every half
 * second, ended when access is withdrawn. Not sealed (such clients cannot verify), so it serves
 * MJPEG cameras only over the API's TLS.
 */
final class MjpegApi {
  static final String BOUNDARY = "hearthframe";

  private final HubContext hub;

  MjpegApi(HubContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(CamerasApi.PATH + "/:id/mjpeg").handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    Principal me;
    String cameraId;
    try {
      me = Authenticator.principal(ctx);
      cameraId = CamerasApi.cameraId(ctx);
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    CameraAccess.check(hub, me, cameraId, Scope.LIVE)
        .compose(
            grant ->
                hub.cameras()
                    .get(cameraId)
                    .compose(
                        camera -> {
                          if (!"mjpeg".equals(hub.mediaSources().forUrl(camera.url()).protocol())) {
                            throw new HubException(
                                415,
                                "unsupported_format",
                                "camera "
                                    + camera.name()
                                    + " sends H.264/H.265; watch it through a session with format mse");
                          }
                          return hub.sessions()
                              .open(me, grant, cameraId, StreamSession.Format.MJPEG)
                              .map(opened -> new Object[] {camera, opened.session()});
                        }))
        .onFailure(ctx::fail)
        .onSuccess(pair -> serve(ctx, (Camera) pair[0], (StreamSession) pair[1]));
  }

  private void serve(RoutingContext ctx, Camera camera, StreamSession session) {
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "multipart/x-mixed-replace; boundary=" + BOUNDARY);
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    Lease lease;
    try {
      lease = hub.sessions().attach(session, reason -> response.reset());
    } catch (HubException e) {
      ctx.fail(e);
      return;
    }
    response.closeHandler(
        v -> {
          hub.sessions().detach(session);
          Subscription open = subscription.getAndSet(null);
          if (open != null) {
            open.close();
          }
        });
    Future<Subscription> subscribed =
        hub.switchboard().subscribe(camera, new LeaseGate(lease, viewer(session, response)));
    subscribed.onSuccess(subscription::set).onFailure(e -> response.reset());
  }

  private static Viewer viewer(StreamSession session, HttpServerResponse response) {
    return new Viewer() {
      @Override
      public String cameraId() {
        return session.cameraId();
      }

      @Override
      public boolean ready() {
        return !response.closed() && !response.writeQueueFull();
      }

      @Override
      public void deliver(MediaFrame frame) {
        if (FanOutEdge.admits(session, frame)
            && frame.codec() == Codec.JPEG
            && !response.closed()) {
          response.write(part(frame.payload()));
        }
      }

      @Override
      public void status(CameraStatus status) {
        // multipart clients have no place for status; the REST camera resource shows it
      }
    };
  }

  static Buffer part(byte[] jpeg) {
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Type: image/jpeg\r\nContent-Length: "
            + jpeg.length
            + "\r\n\r\n";
    return Buffer.buffer(head.getBytes(StandardCharsets.US_ASCII))
        .appendBytes(jpeg)
        .appendString("\r\n");
  }
}
