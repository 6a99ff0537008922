package io.hearth.api;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.recording.RecordingMode;
import io.hearth.runtime.recording.Segment;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * Recordings of a camera. The owner sets how a camera is recorded ({@code GET/PUT
 * /api/v1/cameras/{id}/recording}); a holder of the camera's {@code events} grant lists its
 * segments ({@code GET /api/v1/cameras/{id}/recordings?from=&to=&limit=}), checked against the
 * store on every request like every other answer about a camera.
 */
final class RecordingsApi {
  static final int MAX_SEGMENTS = 500;

  private final ModuleContext hub;

  RecordingsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(CamerasApi.PATH + "/:id/recording").handler(Reply.of(this::mode));
    router.put(CamerasApi.PATH + "/:id/recording").handler(Reply.of(this::setMode));
    router.get(CamerasApi.PATH + "/:id/recordings").handler(Reply.of(this::segments));
    router
        .post(CamerasApi.PATH + "/:id/recordings/:segment/sessions")
        .handler(Reply.of(this::play));
  }

  private Future<Reply> mode(RoutingContext ctx) {
    Authenticator.owner(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    return hub.cameras()
        .get(cameraId)
        .compose(camera -> hub.recordings().mode(cameraId))
        .map(mode -> Reply.ok(answer(cameraId, mode)));
  }

  private Future<Reply> setMode(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("mode"));
    RecordingMode mode;
    try {
      mode = RecordingMode.parse(body.requiredText("mode"));
    } catch (IllegalArgumentException e) {
      throw HubException.badRequest(e.getMessage());
    }
    return hub.recordings()
        .setMode(owner, cameraId, mode)
        .map(v -> Reply.ok(answer(cameraId, mode)));
  }

  private Future<Reply> segments(RoutingContext ctx) {
    String cameraId = CamerasApi.cameraId(ctx);
    long from = DevicesApi.time(ctx, "from", 0);
    long to = DevicesApi.time(ctx, "to", Long.MAX_VALUE);
    int limit = (int) Math.max(1, Math.min(DevicesApi.number(ctx, "limit", 100), MAX_SEGMENTS));
    return CameraAccess.check(hub, Authenticator.principal(ctx), cameraId, Scope.EVENTS)
        .compose(grant -> hub.recordings().segments(cameraId, from, to, limit))
        .map(RecordingsApi::listed);
  }

  /**
   * A playback session for one segment: the same answer as for live video (session id, key, a
   * single-use stream URL); the chunks are sealed to it and stop when the events grant goes.
   */
  private Future<Reply> play(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    String segmentId = ctx.pathParam("segment");
    return CameraAccess.check(hub, me, cameraId, Scope.EVENTS)
        .compose(
            grant ->
                hub.recordings()
                    .segment(cameraId, segmentId)
                    .compose(s -> hub.sessions().openPlayback(me, grant, cameraId, s.id())))
        .map(opened -> Reply.created(opened.toJson(StreamSocket.PATH)));
  }

  private static Reply listed(List<Segment> segments) {
    JsonArray array = new JsonArray();
    segments.forEach(s -> array.add(s.toJson()));
    return Reply.ok(new JsonObject().put("segments", array));
  }

  private static JsonObject answer(String cameraId, RecordingMode mode) {
    return new JsonObject().put("camera_id", cameraId).put("mode", mode.wireName());
  }
}
