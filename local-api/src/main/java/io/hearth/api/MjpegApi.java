package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.session.Chunk;
import io.hearth.runtime.session.ChunkSink;
import io.hearth.runtime.session.SessionEnd;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.session.Watching;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/cameras/{id}/mjpeg}: the camera as multipart JPEG for simple clients (a bearer
 * token, a live grant). It is a stream session like any other: audited, re-authorised every half
 * second, ended when access is withdrawn. Not sealed (such clients cannot verify), so it serves
 * MJPEG cameras only over the API's TLS.
 */
final class MjpegApi {
  static final String BOUNDARY = "hearthframe";

  private final ModuleContext hub;

  MjpegApi(ModuleContext hub) {
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
    Watching watching = hub.sessions().watch(session, camera, new PartSink(response), false);
    response.closeHandler(v -> watching.close());
  }

  /** The multipart transport: each plain JPEG chunk is one part; the end resets the stream. */
  private record PartSink(HttpServerResponse response) implements ChunkSink {
    @Override
    public boolean ready() {
      return !response.closed() && !response.writeQueueFull();
    }

    @Override
    public void write(Chunk chunk) {
      if (chunk.kind() == Sealer.Kind.JPEG && !response.closed()) {
        response.write(part(chunk.bytes()));
      }
    }

    @Override
    public void close(SessionEnd end, String reason) {
      if (end == SessionEnd.TOO_MANY_SESSIONS && !response.headWritten()) {
        response
            .setStatusCode(429)
            .putHeader("Content-Type", "application/json")
            .end(
                new JsonObject().put("error", "too_many_sessions").put("message", reason).encode());
      } else {
        response.reset();
      }
    }
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
