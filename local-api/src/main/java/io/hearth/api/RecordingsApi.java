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
  static final int MAX_SPANS = 1_000;

  private final ModuleContext hub;

  RecordingsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(CamerasApi.PATH + "/:id/recording").handler(Reply.of(this::mode));
    router.put(CamerasApi.PATH + "/:id/recording").handler(Reply.of(this::setMode));
    router.get(CamerasApi.PATH + "/:id/recordings").handler(Reply.of(this::segments));
    router.get(CamerasApi.PATH + "/:id/recordings/spans").handler(Reply.of(this::spans));
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
   * The camera's recording between {@code from} and {@code to} as spans without gaps (what a day
   * view draws): at most {@code limit} (default and most {@value #MAX_SPANS}); {@code more} says
   * whether later ones were left out (ask again from the last one's end).
   */
  private Future<Reply> spans(RoutingContext ctx) {
    String cameraId = CamerasApi.cameraId(ctx);
    long from = DevicesApi.time(ctx, "from", 0);
    long to = DevicesApi.time(ctx, "to", Long.MAX_VALUE);
    if (to < from) {
      throw HubException.badRequest("to is before from: give from, then a later to");
    }
    long asked = DevicesApi.number(ctx, "limit", MAX_SPANS);
    if (asked < 1 || asked > MAX_SPANS) {
      throw HubException.badRequest("limit must be from 1 to " + MAX_SPANS + ", got " + asked);
    }
    int limit = (int) asked;
    return CameraAccess.check(hub, Authenticator.principal(ctx), cameraId, Scope.EVENTS)
        .compose(grant -> hub.recordings().spans(cameraId, from, to, limit + 1))
        .map(
            found -> {
              JsonArray array = new JsonArray();
              found.stream().limit(limit).forEach(span -> array.add(span.toJson()));
              return Reply.ok(
                  new JsonObject()
                      .put("camera_id", cameraId)
                      .put("spans", array)
                      .put("more", found.size() > limit));
            });
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
