package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /api/v1/discovered}: the discovery inbox, the owner's alone. Listing shows what the
 * network announced (untrusted claims); {@code adopt} turns an entry into a camera or device
 * (credentials, when given, go to the camera and are never returned); {@code ignore} hides it.
 * Discovery never adopts anything by itself, and never moves an adopted camera on a claim alone:
 * {@code confirm-move} and {@code decline-move} settle a claimed move nothing could prove.
 */
final class DiscoveredApi {
  static final String PATH = ApiRouter.API + "/discovered";

  private final ModuleContext hub;

  DiscoveredApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.get(PATH + "/:id").handler(Reply.of(this::get));
    router.post(PATH + "/:id/adopt").handler(Reply.of(this::adopt));
    router.post(PATH + "/:id/ignore").handler(Reply.of(this::ignore));
    router.post(PATH + "/:id/confirm-move").handler(Reply.of(this::confirmMove));
    router.post(PATH + "/:id/decline-move").handler(Reply.of(this::declineMove));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Authenticator.owner(ctx);
    boolean all = "true".equals(ctx.queryParams().get("ignored"));
    JsonArray entries = new JsonArray();
    for (Discovered d : hub.inbox().list(all)) {
      entries.add(d.toJson());
    }
    return Future.succeededFuture(Reply.ok(new JsonObject().put("discovered", entries)));
  }

  private Future<Reply> get(RoutingContext ctx) {
    Authenticator.owner(ctx);
    String id = ctx.pathParam("id");
    return Future.succeededFuture(
        Reply.ok(
            hub.inbox()
                .get(id)
                .orElseThrow(
                    () ->
                        io.hearth.runtime.error.HubException.notFound(
                            "no discovered entry " + id + "; list them with GET " + PATH))
                .toJson()));
  }

  private Future<Reply> adopt(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    Camera.Credentials credentials = null;
    String name = null;
    if (ctx.body() != null && ctx.body().length() > 0) {
      JsonBody body = JsonBody.of(ctx, Set.of("name", "username", "password"));
      name = body.optionalText("name");
      String user = body.optionalText("username");
      String password = body.optionalText("password");
      if (user != null || password != null) {
        credentials =
            new Camera.Credentials(user == null ? "" : user, password == null ? "" : password);
      }
    }
    return hub.inbox()
        .adopt(owner, ctx.pathParam("id"), name, credentials)
        .map(d -> Reply.created(d.toJson()));
  }

  private Future<Reply> confirmMove(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    return hub.cameraFollowing().confirm(owner, ctx.pathParam("id")).map(d -> Reply.ok(d.toJson()));
  }

  private Future<Reply> declineMove(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    return hub.cameraFollowing().decline(owner, ctx.pathParam("id")).map(d -> Reply.ok(d.toJson()));
  }

  private Future<Reply> ignore(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    return hub.inbox().ignore(owner, ctx.pathParam("id")).map(d -> Reply.ok(d.toJson()));
  }
}
