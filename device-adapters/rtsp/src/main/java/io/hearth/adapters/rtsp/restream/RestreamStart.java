package io.hearth.adapters.rtsp.restream;

import io.hearth.adapters.rtsp.codec.RtspRequestHead;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.RestreamCredential;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.session.Watching;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.function.Consumer;

/**
 * What a DESCRIBE does before it is answered: the credential checked (Digest, or Basic over TLS),
 * for exactly the camera asked for; the token's holder read now; the reader's address past the
 * egress ledger (a reader outside the home network only if the owner allowed it, and recorded); a
 * session opened after the hub's access check (audited); the reader attached to the camera's feed;
 * and the camera's first keyframe awaited for the SDP, within {@code
 * restream.start-timeout-seconds}.
 */
final class RestreamStart {
  /** A reader attached to a camera: its session, its attachment, its viewer, the first keyframe. */
  record Started(StreamSession session, Watching watching, RtpViewer viewer, MediaFrame keyframe) {}

  private RestreamStart() {}

  static Future<Started> start(
      RestreamContext ctx,
      RestreamAuth auth,
      NetSocket socket,
      RtspRequestHead request,
      String cameraId,
      Consumer<String> closer) {
    ModuleContext hub = ctx.hub();
    SocketAddress peer = socket.remoteAddress();
    return auth.verify(hub.restreams(), request.method(), request.header("Authorization"))
        .compose(credential -> forCamera(credential, cameraId))
        .compose(
            credential ->
                hub.tokens()
                    .principalOfToken(credential.tokenId())
                    .compose(
                        principal ->
                            hub.egress()
                                .check(
                                    "re-stream of camera " + cameraId + " to a reader",
                                    peer.hostAddress(),
                                    peer.port())
                                .compose(
                                    v ->
                                        ctx.restreams()
                                            .open(
                                                principal,
                                                credential.id(),
                                                cameraId,
                                                peer.hostAddress()))))
        .compose(
            session ->
                hub.cameras()
                    .get(cameraId)
                    .compose(camera -> watch(ctx, socket, session, video(hub, camera), closer)));
  }

  private static Future<RestreamCredential> forCamera(RestreamCredential k, String cameraId) {
    return k.cameraId().equals(cameraId)
        ? Future.succeededFuture(k)
        : Future.failedFuture(
            HubException.forbidden("these credentials are for another camera's re-stream"));
  }

  private static Camera video(ModuleContext hub, Camera camera) {
    if ("mjpeg".equals(hub.mediaSources().forUrl(camera.url()).protocol())) {
      throw new HubException(
          415,
          "unsupported_format",
          "MJPEG cameras are not re-streamed over RTSP; read /api/v1/cameras/{id}/mjpeg");
    }
    return camera;
  }

  private static Future<Started> watch(
      RestreamContext ctx,
      NetSocket socket,
      StreamSession opened,
      Camera camera,
      Consumer<String> closer) {
    RtpViewer viewer = new RtpViewer(camera.id(), socket);
    Watching watching = ctx.restreams().watch(opened, camera, viewer, closer);
    Promise<MediaFrame> first = Promise.promise();
    long timer =
        ctx.hub()
            .vertx()
            .setTimer(
                ctx.startTimeoutMs(),
                id ->
                    first.tryFail(
                        new HubException(
                            504,
                            "camera_timeout",
                            "camera " + camera.name() + " sent no keyframe in time; try again")));
    viewer.firstKeyframe().onComplete(first::handle);
    return first
        .future()
        .andThen(done -> ctx.hub().vertx().cancelTimer(timer))
        .map(keyframe -> new Started(opened, watching, viewer, keyframe))
        .onFailure(e -> watching.close());
  }
}
