package io.hearth.api;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.RestreamCredential;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.RestreamStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /api/v1/cameras/{id}/restream}: the owner turns a camera's RTSP re-stream on or off (off
 * until then), and re-stream credentials are made per token and camera: by the owner for any token,
 * or by a token's holder for itself while it holds a live grant on the camera. The password is
 * shown once. Reading the re-stream needs all three, checked again for as long as it runs: the
 * camera's switch, the credential, and the token's live grant.
 */
final class RestreamApi {
  private static final String PATH = CamerasApi.PATH + "/:id/restream";

  private final ModuleContext hub;
  private final RestreamStore store;

  RestreamApi(ModuleContext hub) {
    this.hub = hub;
    this.store = hub.restreams();
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::get));
    router.put(PATH).handler(Reply.of(this::put));
    router.get(PATH + "/credentials").handler(Reply.of(this::list));
    router.post(PATH + "/credentials").handler(Reply.of(this::create));
    router.delete(PATH + "/credentials/:credential").handler(Reply.of(this::delete));
  }

  private Future<Reply> get(RoutingContext ctx) {
    Authenticator.owner(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    return hub.cameras().get(cameraId).compose(c -> state(ctx, cameraId)).map(Reply::ok);
  }

  private Future<Reply> put(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    Boolean enabled = JsonBody.of(ctx, Set.of("enabled")).optionalBoolean("enabled");
    if (enabled == null) {
      throw HubException.badRequest("field 'enabled' (true or false) is required");
    }
    return store
        .enable(owner, cameraId, enabled)
        .compose(v -> changed("re-stream switched"))
        .compose(v -> state(ctx, cameraId))
        .map(Reply::ok);
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    // a camera the caller may not watch is answered like any other camera they cannot see
    Future<?> allowed =
        me.isOwner() ? Future.succeededFuture() : CameraAccess.check(hub, me, cameraId, Scope.LIVE);
    return allowed
        .compose(g -> store.forCamera(cameraId))
        .map(
            all -> {
              JsonArray shown = new JsonArray();
              all.stream().filter(k -> mine(me, k)).forEach(k -> shown.add(k.toJson()));
              return Reply.ok(new JsonObject().put("credentials", shown));
            });
  }

  private Future<Reply> create(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    String tokenId = JsonBody.of(ctx, Set.of("token_id")).optionalText("token_id");
    String holder = tokenId == null ? me.tokenId() : tokenId;
    if (!me.isOwner() && !holder.equals(me.tokenId())) {
      throw HubException.forbidden("only the owner makes re-stream credentials for other tokens");
    }
    if (!Ids.isWellFormed(holder, "tok")) {
      throw HubException.notFound("no token with id " + holder);
    }
    return CameraAccess.check(hub, me, cameraId, Scope.LIVE)
        .compose(g -> store.issue(me, holder, cameraId))
        .compose(issued -> state(ctx, cameraId).map(s -> issued(issued, s)))
        .map(Reply::created);
  }

  private Future<Reply> delete(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    String id = ctx.pathParam("credential");
    HubException missing = HubException.notFound("no re-stream credential with id " + id);
    if (!Ids.isWellFormed(id, "rsc")) {
      throw missing;
    }
    return store
        .get(id)
        .compose(
            found ->
                found.filter(k -> k.cameraId().equals(cameraId) && mine(me, k)).isPresent()
                    ? store.delete(me, id)
                    : Future.<Void>failedFuture(missing))
        .compose(v -> changed("re-stream credential deleted"))
        .map(v -> Reply.noContent());
  }

  private static boolean mine(Principal me, RestreamCredential credential) {
    return me.isOwner() || credential.tokenId().equals(me.tokenId());
  }

  private Future<Void> changed(String why) {
    hub.vertx().eventBus().publish(StreamSessions.ACCESS_CHANGED, why);
    return Future.succeededFuture();
  }

  /** The switch and where readers connect (the host the caller reached the API at). */
  private Future<JsonObject> state(RoutingContext ctx, String cameraId) {
    String host = ctx.request().authority() == null ? "<hub>" : ctx.request().authority().host();
    return store
        .enabled(cameraId)
        .map(
            on ->
                new JsonObject()
                    .put("camera_id", cameraId)
                    .put("enabled", on)
                    .put("url", url("rtsp", host, "restream.port", cameraId))
                    .put("tls_url", url("rtsps", host, "restream.tls-port", cameraId)));
  }

  private String url(String scheme, String host, String portKey, String cameraId) {
    Integer port = hub.ports().get(portKey);
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return port == null ? null : scheme + "://" + shown + ":" + port + "/" + cameraId;
  }

  private static JsonObject issued(RestreamStore.Issued issued, JsonObject state) {
    return issued
        .credential()
        .toJson()
        .put("password", issued.secret())
        .put("url", state.getString("url"))
        .put("tls_url", state.getString("tls_url"))
        .put("enabled", state.getBoolean("enabled"))
        .put("note", "this password is shown once; store it now");
  }
}
