package io.hearth.api;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Passkey;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * A member's passkeys as the owner manages them: {@code GET /members/{id}/passkeys} and {@code
 * DELETE /members/{id}/passkeys/{passkey}} (the owner, or the member for their own; an adult or a
 * guest never reaches another member's). A removed passkey signs nobody in from the next attempt
 * (sign-in looks each passkey up in the store), and the sign-ins it opened end with it, in the same
 * transaction, all but the one making the removal (as a password change keeps it). A member's own
 * list stays at {@code /passkeys}.
 */
final class MemberPasskeysApi {
  private static final String PATH = ApiRouter.API + "/members/:id/passkeys";

  private final ModuleContext hub;

  MemberPasskeysApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.delete(PATH + "/:passkey").handler(Reply.of(this::delete));
  }

  private Future<Reply> list(RoutingContext ctx) {
    String memberId = memberId(ctx);
    return hub.members()
        .get(memberId)
        .compose(m -> hub.credentials().passkeys(memberId))
        .map(MemberPasskeysApi::listed);
  }

  /** The answer of both lists, the member's own and the owner's view: never key material. */
  static Reply listed(List<Passkey> all) {
    JsonArray array = new JsonArray();
    all.forEach(k -> array.add(k.toJson()));
    return Reply.ok(new JsonObject().put("passkeys", array));
  }

  private Future<Reply> delete(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    String memberId = memberId(ctx);
    String id = ctx.pathParam("passkey");
    if (!Ids.isWellFormed(id, "pky")) {
      throw HubException.notFound("no passkey with id " + id);
    }
    return hub.credentials()
        .deletePasskey(me, id, memberId, SigninKit.currentSignin(ctx))
        .map(ended -> Reply.noContent());
  }

  /** The member in the path, once the caller may manage that member's passkeys. */
  private static String memberId(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    String id = MembersApi.memberId(ctx);
    if (!me.isOwner() && !me.id().equals(id)) {
      throw HubException.forbidden("only the owner may see or remove other members' passkeys");
    }
    return id;
  }
}
