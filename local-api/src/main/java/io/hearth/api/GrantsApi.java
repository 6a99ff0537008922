package io.hearth.api;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.GrantTarget;
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
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code /api/v1/grants}: the owner gives members, displays and automations scopes on cameras and
 * devices (automations also on every device of a room, or on every sensor), changes them, and
 * revokes them; a change ends affected stream sessions within a second. A grant names a principal
 * that exists (422 otherwise); the answer lists the devices the grant reaches now.
 */
final class GrantsApi {
  static final String PATH = ApiRouter.API + "/grants";
  private static final long TEN_YEARS_S = 10L * 366 * 24 * 3600;

  private static final Set<String> FIELDS =
      Set.of(
          "principal_kind",
          "principal_id",
          "camera_id",
          "device_id",
          "room",
          "all_sensors",
          "scopes",
          "remote",
          "expires_in_s");

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
    JsonBody body = JsonBody.of(ctx, FIELDS);
    PrincipalKind kind = kind(body.requiredText("principal_kind"));
    String principalId = body.requiredText("principal_id");
    Target target = target(body);
    if (!target.kind().isOneDevice() && kind != PrincipalKind.AUTOMATION) {
      throw HubException.unprocessable(
          "target_not_allowed",
          "room and all_sensors grants are for automations; give members and displays grants"
              + " per camera or device");
    }
    Set<Scope> scopes = Scopes.parse(body.optionalStrings("scopes", 3), EnumSet.of(Scope.LIVE));
    Boolean remote = body.optionalBoolean("remote");
    Long lifetime = body.optionalLong("expires_in_s", 1, TEN_YEARS_S);
    Long expiresAt = lifetime == null ? null : System.currentTimeMillis() + lifetime * 1000;
    return hub.grants()
        .put(
            owner,
            kind,
            principalId,
            target.kind(),
            target.id(),
            scopes,
            remote != null && remote,
            expiresAt)
        .compose(
            g -> {
              hub.vertx().eventBus().publish(StreamSessions.ACCESS_CHANGED, "grant changed");
              return hub.grants().covered(g.id()).map(ids -> created(g, ids));
            });
  }

  /**
   * The grant, and the devices it reaches now, so a grant over an empty room is visible as such.
   */
  private static Reply created(Grant grant, List<String> covered) {
    return Reply.created(grant.toJson().put("covers", new JsonArray(covered)));
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

  /** What a grant is over, as asked for. */
  private record Target(GrantTarget kind, String id) {}

  /** Exactly one of camera_id, device_id, room or all_sensors, well formed. */
  private static Target target(JsonBody body) {
    String camera = body.optionalText("camera_id");
    String device = body.optionalText("device_id");
    String room = body.optionalText("room");
    boolean sensors = Boolean.TRUE.equals(body.optionalBoolean("all_sensors"));
    long given = Stream.of(camera, device, room).filter(t -> t != null).count();
    if (given + (sensors ? 1 : 0) != 1) {
      throw HubException.badRequest(
          "give exactly one of camera_id, device_id, room or all_sensors");
    }
    if (camera != null) {
      return new Target(GrantTarget.CAMERA, CamerasApi.ids(List.of(camera)).get(0));
    }
    if (device != null) {
      if (!Ids.isWellFormed(device, "dev")) {
        throw HubException.badRequest("'" + device + "' is not a device id");
      }
      return new Target(GrantTarget.DEVICE, device);
    }
    return room != null
        ? new Target(GrantTarget.ROOM, RoomsApi.room(room))
        : new Target(GrantTarget.SENSORS, GrantTarget.ALL_SENSORS);
  }

  private static PrincipalKind kind(String text) {
    try {
      return PrincipalKind.parse(text);
    } catch (IllegalArgumentException e) {
      throw HubException.badRequest(e.getMessage());
    }
  }
}
