package io.hearth.api;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.MemberStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /api/v1/members}: the owner manages members; adults may list them; anyone may read
 * themselves.
 */
final class MembersApi {
  private static final String PATH = ApiRouter.API + "/members";

  private final MemberStore members;
  private final io.vertx.core.Vertx vertx;

  MembersApi(ModuleContext hub) {
    this.members = hub.members();
    this.vertx = hub.vertx();
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
    if (!me.isOwner() && me.role() != Role.ADULT) {
      throw HubException.forbidden("only the owner and adults may list the home's members");
    }
    return members
        .list()
        .map(
            all -> {
              JsonArray array = new JsonArray();
              all.forEach(m -> array.add(m.toJson()));
              return Reply.ok(new JsonObject().put("members", array));
            });
  }

  private Future<Reply> create(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("name", "role"));
    String name = body.requiredText("name");
    Role role = role(body.requiredText("role"));
    return members.create(owner, name, role).map(m -> Reply.created(m.toJson()));
  }

  private Future<Reply> get(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    String id = memberId(ctx);
    if (!me.isOwner() && !(me.isMember() && me.id().equals(id))) {
      throw HubException.forbidden("only the owner may read other members");
    }
    return members.get(id).map(m -> Reply.ok(m.toJson()));
  }

  private Future<Reply> update(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    String id = memberId(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("name", "role"));
    String name = body.optionalText("name");
    String role = body.optionalText("role");
    if (name != null && name.isBlank()) {
      throw HubException.badRequest("field 'name' must not be blank");
    }
    return members
        .update(owner, id, name, role == null ? null : role(role))
        .map((Member m) -> Reply.ok(m.toJson()));
  }

  private Future<Reply> delete(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    return members
        .delete(owner, memberId(ctx))
        .map(
            v -> {
              vertx
                  .eventBus()
                  .publish(
                      io.hearth.runtime.session.StreamSessions.ACCESS_CHANGED, "member removed");
              return Reply.noContent();
            });
  }

  static String memberId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "mem")) {
      throw HubException.notFound("no member with id " + id);
    }
    return id;
  }

  private static Role role(String text) {
    try {
      return Role.parse(text);
    } catch (IllegalArgumentException e) {
      throw HubException.badRequest(e.getMessage());
    }
  }
}
