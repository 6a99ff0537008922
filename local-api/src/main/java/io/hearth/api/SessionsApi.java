package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /api/v1/cameras/{id}/sessions {"format": "mse" | "mjpeg"}}: after the live-grant
 * check, a new stream session with its own key and a single-use, short-lived WebSocket URL.
 */
final class SessionsApi {
  private final ModuleContext hub;

  SessionsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.post(CamerasApi.PATH + "/:id/sessions").handler(Reply.of(this::open));
  }

  private Future<Reply> open(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    StreamSession.Format format = format(JsonBody.of(ctx, Set.of("format")).requiredText("format"));
    return CameraAccess.check(hub, me, cameraId, Scope.LIVE)
        .compose(
            grant ->
                hub.cameras()
                    .get(cameraId)
                    .compose(
                        camera -> {
                          requireFormat(camera, format);
                          return hub.sessions().open(me, grant, cameraId, format);
                        }))
        .map(opened -> Reply.created(opened.toJson(StreamSocket.PATH)));
  }

  private void requireFormat(Camera camera, StreamSession.Format format) {
    boolean mjpegCamera = "mjpeg".equals(hub.mediaSources().forUrl(camera.url()).protocol());
    if (mjpegCamera != (format == StreamSession.Format.MJPEG)) {
      // The code is the contract a display acts on; the message is for people.
      throw new HubException(
          400,
          mjpegCamera ? "format_mjpeg_required" : "format_mse_required",
          "camera "
              + camera.name()
              + " sends "
              + (mjpegCamera ? "MJPEG; use format mjpeg" : "H.264/H.265; use format mse")
              + " (the camera's \"format\" field says which)");
    }
  }

  private static StreamSession.Format format(String text) {
    try {
      return StreamSession.Format.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HubException.badRequest("format must be mse or mjpeg");
    }
  }
}
