package io.hearth.api;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code /api/v1/grants}: the owner gives members, displays and automations scopes on cameras,
 * changes them, and revokes them; a change ends affected stream sessions within a second.
 */
final class GrantsApi {
  static final String PATH = ApiRouter.API + "/grants";
  private static final long TEN_YEARS_S = 10L * 366 * 24 * 3600;

  private final ModuleContext hub;

  GrantsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.post(PATH).handler(Reply.of(this::put));
    router.delete(PATH + "/:id").handler(Reply.of(this::revoke));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Authenticator.owner(ctx);
    return hub.grants()
        .all()
        .map(
            all -> {
              JsonArray array = new JsonArray();
              all.forEach(g -> array.add(g.toJson()));
              return Reply.ok(new JsonObject().put("grants", array));
            });
  }

  private Future<Reply> put(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    JsonBody body =
        JsonBody.of(
            ctx,
            Set.of(
                "principal_kind",
                "principal_id",
                "camera_id",
                "device_id",
                "scopes",
                "remote",
                "expires_in_s"));
    PrincipalKind kind = kind(body.requiredText("principal_kind"));
    String principalId = body.requiredText("principal_id");
    String cameraId = target(body);
    Set<Scope> scopes = Scopes.parse(body.optionalStrings("scopes", 3), EnumSet.of(Scope.LIVE));
    Boolean remote = body.optionalBoolean("remote");
    Long lifetime = body.optionalLong("expires_in_s", 1, TEN_YEARS_S);
    Long expiresAt = lifetime == null ? null : System.currentTimeMillis() + lifetime * 1000;
    return hub.grants()
        .put(owner, kind, principalId, cameraId, scopes, remote != null && remote, expiresAt)
        .map(
            g -> {
              hub.vertx().eventBus().publish(StreamSessions.ACCESS_CHANGED, "grant changed");
              return Reply.created(g.toJson());
            });
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "grt")) {
      throw HubException.notFound("no grant with id " + id);
    }
    return hub.grants()
        .revoke(owner, id)
        .map(
            v -> {
              hub.vertx().eventBus().publish(StreamSessions.ACCESS_CHANGED, "grant revoked");
              return Reply.noContent();
            });
  }

  /** Exactly one of camera_id or device_id, well formed. */
  private static String target(JsonBody body) {
    String camera = body.optionalText("camera_id");
    String device = body.optionalText("device_id");
    if ((camera == null) == (device == null)) {
      throw HubException.badRequest("give exactly one of camera_id or device_id");
    }
    if (camera != null) {
      return CamerasApi.ids(java.util.List.of(camera)).get(0);
    }
    if (!Ids.isWellFormed(device, "dev")) {
      throw HubException.badRequest("'" + device + "' is not a device id");
    }
    return device;
  }

  private static PrincipalKind kind(String text) {
    try {
      return PrincipalKind.parse(text);
    } catch (IllegalArgumentException e) {
      throw HubException.badRequest(e.getMessage());
    }
  }
}
