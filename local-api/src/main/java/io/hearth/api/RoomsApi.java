package io.hearth.api;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Rooms, the owner's: {@code GET /api/v1/rooms} lists them with their devices, {@code PUT
 * /api/v1/devices/{id}/room} puts a camera or sensor in a room ({@code {"room": null}}: in none). A
 * room is what an automation's room grant covers, decided at each access check, so moving a device
 * changes who reaches it from the next check on.
 */
final class RoomsApi {
  private final ModuleContext hub;

  RoomsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(ApiRouter.API + "/rooms").handler(Reply.of(this::list));
    router.put(DevicesApi.PATH + "/:id/room").handler(Reply.of(this::place));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Authenticator.owner(ctx);
    return hub.grants().rooms().all().map(all -> Reply.ok(new JsonObject().put("rooms", all)));
  }

  private Future<Reply> place(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "dev") && !Ids.isWellFormed(id, "cam")) {
      throw HubException.notFound("no camera or device with id " + id);
    }
    String given = JsonBody.of(ctx, Set.of("room")).optionalText("room");
    String room = given == null ? null : room(given);
    return hub.grants()
        .rooms()
        .place(owner, id, room)
        .map(
            v -> {
              hub.vertx().eventBus().publish(StreamSessions.ACCESS_CHANGED, "room changed");
              return Reply.ok(new JsonObject().put("id", id).put("room", room));
            });
  }

  /** A room name as stored: see {@link Names}. */
  static String room(String text) {
    return Names.checked(text, "a room name");
  }
}
