package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.recording.CameraEvent;
import io.hearth.runtime.recording.EventArchive;
import io.hearth.runtime.recording.Recordings;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Camera events for who may see them: a page of one camera's events, or of every camera the caller
 * holds an {@code events} grant for ({@code GET /api/v1/camera-events?camera=&from=&to=
 * &limit=&cursor=}; a page says whether older events follow and gives the cursor to them), one
 * event, its thumbnail (JPEG), its clip and a stretch of recording as playback stream sessions.
 * Every request checks the caller's grant on the camera against the store; the thumbnail is checked
 * again once it is read, so one asked for just before a revocation is refused, not served; playback
 * sessions are re-checked by the access watch while they play.
 */
final class CameraEventsApi {
  static final int MAX_CAMERAS = 1000;

  private final ModuleContext hub;

  CameraEventsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    String event = CamerasApi.PATH + "/:id/events/:event";
    router.get(ApiRouter.API + "/camera-events").handler(Reply.of(this::listAll));
    router.get(CamerasApi.PATH + "/:id/events").handler(Reply.of(this::listOne));
    router.get(event).handler(Reply.of(this::get));
    router.get(event + "/thumbnail").handler(this::thumbnail);
    router.post(event + "/sessions").handler(Reply.of(this::playClip));
    router.post(CamerasApi.PATH + "/:id/recordings/sessions").handler(Reply.of(this::playRange));
  }

  private Future<Reply> listAll(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String only = ctx.queryParams().get("camera");
    Future<List<String>> cameras =
        only == null
            ? visible(me)
            : CameraAccess.check(hub, me, CamerasApi.ids(List.of(only)).get(0), Scope.EVENTS)
                .map(grant -> List.of(only));
    return cameras.compose(ids -> page(ctx, ids));
  }

  private Future<Reply> listOne(RoutingContext ctx) {
    String cameraId = CamerasApi.cameraId(ctx);
    return CameraAccess.check(hub, Authenticator.principal(ctx), cameraId, Scope.EVENTS)
        .compose(grant -> page(ctx, List.of(cameraId)));
  }

  /** The cameras whose events the caller may see now, each checked against the store. */
  private Future<List<String>> visible(Principal me) {
    return hub.cameras()
        .list()
        .compose(
            all -> {
              List<Future<String>> checks =
                  all.stream()
                      .limit(MAX_CAMERAS)
                      .map(Camera::id)
                      .map(
                          id ->
                              CameraAccess.check(hub, me, id, Scope.EVENTS)
                                  .map(grant -> id)
                                  .otherwise((String) null))
                      .toList();
              return Future.join(checks)
                  .map(done -> checks.stream().map(Future::result).filter(id -> id != null))
                  .map(ids -> ids.toList());
            });
  }

  private Future<Reply> page(RoutingContext ctx, List<String> cameraIds) {
    long from = DevicesApi.time(ctx, "from", 0);
    long to = DevicesApi.time(ctx, "to", Long.MAX_VALUE);
    // Out of range stays out of range (0 or one past the most), and the archive says what fits.
    long asked = DevicesApi.number(ctx, "limit", 100);
    int limit = (int) Math.max(0, Math.min(asked, EventArchive.MAX_LIMIT + 1L));
    String cursor = ctx.queryParams().get("cursor");
    return archive()
        .list(cameraIds, from, to, limit, cursor)
        .map(
            page -> {
              JsonArray events = new JsonArray();
              page.events().forEach(e -> events.add(e.toJson()));
              return Reply.ok(
                  new JsonObject()
                      .put("events", events)
                      .put("next_cursor", page.nextCursor())
                      .put("has_more", page.hasMore()));
            });
  }

  private Future<Reply> get(RoutingContext ctx) {
    String cameraId = CamerasApi.cameraId(ctx);
    String eventId = eventId(ctx);
    return CameraAccess.check(hub, Authenticator.principal(ctx), cameraId, Scope.EVENTS)
        .compose(grant -> archive().get(cameraId, eventId))
        .map(e -> Reply.ok(e.toJson()));
  }

  private void thumbnail(RoutingContext ctx) {
    Future<byte[]> jpeg;
    try {
      Principal me = Authenticator.principal(ctx);
      String cameraId = CamerasApi.cameraId(ctx);
      String eventId = eventId(ctx);
      jpeg =
          CameraAccess.check(hub, me, cameraId, Scope.EVENTS)
              .compose(grant -> archive().thumbnail(cameraId, eventId))
              .compose(
                  image -> CameraAccess.check(hub, me, cameraId, Scope.EVENTS).map(grant -> image));
    } catch (RuntimeException e) {
      ctx.fail(e);
      return;
    }
    jpeg.onFailure(ctx::fail)
        .onSuccess(
            image ->
                ctx.response().putHeader("Content-Type", "image/jpeg").end(Buffer.buffer(image)));
  }

  /** A playback session for the event's clip, like a recorded segment's. */
  private Future<Reply> playClip(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    String eventId = eventId(ctx);
    return CameraAccess.check(hub, me, cameraId, Scope.EVENTS)
        .compose(
            grant ->
                archive()
                    .get(cameraId, eventId)
                    .map(CameraEvent::id)
                    .compose(id -> hub.sessions().openPlayback(me, grant, cameraId, id)))
        .map(opened -> Reply.created(opened.toJson(StreamSocket.PATH)));
  }

  /** A playback session for the camera's recording from {@code from} to {@code to}. */
  private Future<Reply> playRange(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    long from = DevicesApi.time(ctx, "from", -1);
    long to = DevicesApi.time(ctx, "to", -1);
    if (from < 0 || to <= from) {
      throw HubException.badRequest("from and to are required, from before to");
    }
    String range = EventArchive.rangeReference(from, to);
    return CameraAccess.check(hub, me, cameraId, Scope.EVENTS)
        .compose(
            grant ->
                hub.recordings()
                    .segments(cameraId, from, to, 1)
                    .compose(
                        found ->
                            found.isEmpty()
                                ? Future.failedFuture(
                                    HubException.notFound(
                                        "camera " + cameraId + " has no recording then"))
                                : hub.sessions().openPlayback(me, grant, cameraId, range)))
        .map(opened -> Reply.created(opened.toJson(StreamSocket.PATH)));
  }

  private EventArchive archive() {
    Recordings recordings = hub.recordings();
    return recordings.events();
  }

  private static String eventId(RoutingContext ctx) {
    String id = ctx.pathParam("event");
    if (!Ids.isWellFormed(id, "cev")) {
      throw HubException.notFound("no event with id " + id);
    }
    return id;
  }
}
