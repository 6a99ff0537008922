package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraUrls;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.spi.BusAddresses;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.CameraStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1/cameras}: the owner adds, changes and removes cameras; everyone else sees only the
 * cameras they hold a live grant for (others are absent, not forbidden, in the list), and of those
 * only names, never addresses ({@link CameraViews}). Credentials go in and never come out: not in
 * the user-info of a URL, not in its query (a placeholder stands there), not in a log line.
 */
final class CamerasApi {
  private static final Logger LOG = LoggerFactory.getLogger(CamerasApi.class);
  static final String PATH = ApiRouter.API + "/cameras";
  private static final Set<String> FIELDS =
      Set.of("name", "url", "snapshot_url", "username", "password");

  private final ModuleContext hub;
  private final CameraStore cameras;
  private final CameraViews views;
  private final CameraCheck check;

  CamerasApi(ModuleContext hub) {
    this.hub = hub;
    this.cameras = hub.cameras();
    this.views = new CameraViews(hub);
    this.check = new CameraCheck(hub);
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.post(PATH).handler(Reply.of(this::create));
    router.get(PATH + "/:id").handler(Reply.of(this::get));
    router.patch(PATH + "/:id").handler(Reply.of(this::update));
    router.delete(PATH + "/:id").handler(Reply.of(this::delete));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    Future<Set<String>> visible =
        me.isOwner()
            ? Future.succeededFuture(null)
            : hub.grants()
                .forPrincipal(me.kind(), me.id())
                .map(
                    grants ->
                        grants.stream()
                            .filter(
                                g ->
                                    g.expiresAt() == null
                                        || g.expiresAt() > System.currentTimeMillis())
                            .map(Grant::targetId)
                            .collect(Collectors.toSet()));
    return visible.compose(
        ids ->
            cameras
                .list()
                .map(
                    all -> {
                      JsonArray array = new JsonArray();
                      all.stream()
                          .filter(c -> ids == null || ids.contains(c.id()))
                          .forEach(c -> array.add(views.of(me, c)));
                      return Reply.ok(new JsonObject().put("cameras", array));
                    }));
  }

  private Future<Reply> get(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String id = cameraId(ctx);
    return CameraAccess.anyScope(hub, me, id)
        .compose(v -> cameras.get(id))
        .map(c -> Reply.ok(views.of(me, c)));
  }

  private Future<Reply> create(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    JsonBody body = JsonBody.of(ctx, FIELDS);
    Camera draft = draft(body, null, body.requiredText("name"), body.optionalUrl("url"));
    MediaSourceFactory adapter = CameraCheck.adapter(hub, draft.url());
    return cameras
        .create(owner, adapter.protocol(), draft)
        .compose(c -> check.check(c).map(r -> Reply.created(views.owner(c).put("check", r))));
  }

  private Future<Reply> update(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    JsonBody body = JsonBody.of(ctx, FIELDS);
    return cameras
        .get(cameraId(ctx))
        .compose(
            old -> {
              String name = body.optionalText("name");
              String url = body.optionalUrl("url");
              Camera changed =
                  draft(
                      body,
                      old,
                      name == null ? old.name() : name,
                      url == null ? old.url().toString() : url);
              MediaSourceFactory adapter = CameraCheck.adapter(hub, changed.url());
              return cameras.update(owner, adapter.protocol(), changed);
            })
        // A feed that is open reconnects with the new settings now, not after it closes.
        .compose(c -> hub.switchboard().update(c).map(c))
        .compose(c -> checkedIf(body.optionalText("url") != null, c));
  }

  /** A changed address is tried at once, like a new one; a renamed camera is not. */
  private Future<Reply> checkedIf(boolean urlChanged, Camera camera) {
    JsonObject view = views.owner(camera);
    return urlChanged
        ? check.check(camera).map(r -> Reply.ok(view.put("check", r)))
        : Future.succeededFuture(Reply.ok(view));
  }

  private Future<Reply> delete(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String id = cameraId(ctx);
    return cameras
        .delete(owner, id)
        .map(
            v -> {
              hub.vertx().eventBus().publish(StreamSessions.ACCESS_CHANGED, "camera deleted");
              // Nobody watches a removed camera, not even the owner, and its connection closes now.
              hub.sessions().endCamera(id, "the camera was removed");
              hub.switchboard()
                  .remove(id)
                  .onFailure(e -> LOG.debug("closing the feed of removed camera {}", id, e));
              // A discovered camera that is removed can be adopted again.
              hub.inbox().forget(id);
              // Its Home Assistant entities (motion, latest event) are cleared from the broker.
              hub.vertx()
                  .eventBus()
                  .publish(
                      BusAddresses.DEVICE_REMOVED,
                      new JsonObject().put("id", id).put("protocol", "camera"));
              return Reply.noContent();
            });
  }

  private static Camera draft(JsonBody body, Camera old, String name, String url) {
    if (url == null) {
      throw HubException.badRequest("field 'url' is required, e.g. rtsp://192.168.1.20/stream");
    }
    URI parsed = absolute(url, "url");
    String snapshot = body.optionalUrl("snapshot_url");
    URI snapshotUrl =
        snapshot != null
            ? absolute(snapshot, "snapshot_url")
            : old == null ? null : old.snapshotUrl();
    Camera.Credentials credentials = credentials(body, parsed, old);
    // Camera drops the user-info and splits out secret query values; the store fills placeholders.
    return new Camera(old == null ? "new" : old.id(), name, parsed, snapshotUrl, credentials);
  }

  private static Camera.Credentials credentials(JsonBody body, URI url, Camera old) {
    String username = body.optionalText("username");
    String password = body.optionalText("password");
    if (username == null && url.getUserInfo() != null) {
      String[] parts = url.getUserInfo().split(":", 2);
      username = parts[0];
      password = parts.length > 1 ? parts[1] : "";
    }
    if (username == null) {
      return old == null ? null : old.credentials();
    }
    return new Camera.Credentials(username, password == null ? "" : password);
  }

  private static URI absolute(String text, String field) {
    try {
      URI uri = new URI(CameraUrls.encodeUserInfo(text));
      if (!uri.isAbsolute() || uri.getHost() == null) {
        throw HubException.badRequest("field '" + field + "' must be an absolute URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw HubException.badRequest("field '" + field + "' is not a valid URL: " + e.getReason());
    }
  }

  static String cameraId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "cam")) {
      throw HubException.notFound("no camera with id " + id);
    }
    return id;
  }

  static List<String> ids(List<String> cameraIds) {
    for (String id : cameraIds) {
      if (!Ids.isWellFormed(id, "cam")) {
        throw HubException.badRequest("'" + id + "' is not a camera id");
      }
    }
    return cameraIds;
  }
}
