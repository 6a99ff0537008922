package io.hearth.api;

import io.hearth.runtime.domain.ApiToken;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.TokenService;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.MemberStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/tokens}: API tokens for members and automations (displays get theirs by pairing).
 * The owner manages all; adults manage their own. A secret is shown once, at creation.
 */
final class TokensApi {
  private static final String PATH = ApiRouter.API + "/tokens";

  /** Longest token lifetime that can be asked for: ten years. */
  private static final long MAX_LIFETIME_S = 10L * 366 * 24 * 3600;

  private final ModuleContext hub;
  private final TokenService tokens;
  private final MemberStore members;

  TokensApi(ModuleContext hub) {
    this.hub = hub;
    this.tokens = hub.tokens();
    this.members = hub.members();
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.post(PATH).handler(Reply.of(this::create));
    router.delete(PATH + "/:id").handler(Reply.of(this::revoke));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal me = manager(ctx);
    Future<List<ApiToken>> found =
        me.isOwner() ? tokens.list(null, null) : tokens.list(PrincipalKind.MEMBER, me.id());
    return found.map(
        all -> {
          JsonArray array = new JsonArray();
          all.forEach(t -> array.add(t.toJson()));
          return Reply.ok(new JsonObject().put("tokens", array));
        });
  }

  private Future<Reply> create(RoutingContext ctx) {
    Principal me = manager(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("name", "kind", "member_id", "expires_in_s"));
    String name = body.requiredText("name");
    String kind = body.optionalText("kind");
    Long lifetime = body.optionalLong("expires_in_s", 1, MAX_LIFETIME_S);
    Long expiresAt = lifetime == null ? null : System.currentTimeMillis() + lifetime * 1000;
    if ("automation".equals(kind)) {
      return automation(me, name, expiresAt, body.optionalText("member_id"));
    }
    if (kind != null && !"member".equals(kind)) {
      throw HubException.badRequest("field 'kind' must be member or automation");
    }
    String memberId = body.optionalText("member_id");
    String subject = memberId == null ? me.id() : memberId;
    if (!me.isOwner() && !subject.equals(me.id())) {
      throw HubException.forbidden("only the owner may make tokens for other members");
    }
    if (!Ids.isWellFormed(subject, "mem")) {
      throw HubException.notFound("no member with id " + subject);
    }
    return members
        .get(subject)
        .compose(m -> tokens.issue(me, PrincipalKind.MEMBER, m.id(), name, expiresAt))
        .map(TokensApi::issued);
  }

  private Future<Reply> automation(Principal me, String name, Long expiresAt, String memberId) {
    if (!me.isOwner()) {
      throw HubException.forbidden("only the owner may make automation tokens");
    }
    if (memberId != null) {
      throw HubException.badRequest("an automation token has no member_id");
    }
    String subject = Ids.newId("aut");
    return tokens
        .issue(me, PrincipalKind.AUTOMATION, subject, name, expiresAt)
        .compose(
            issued -> CaCertificateApi.describeIfAny(hub).map(ca -> automationIssued(issued, ca)));
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal me = manager(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "tok")) {
      throw HubException.notFound("no token with id " + id);
    }
    return tokens
        .get(id)
        .compose(
            token -> {
              boolean own =
                  token.principalKind() == PrincipalKind.MEMBER
                      && token.principalId().equals(me.id());
              if (!me.isOwner() && !own) {
                return Future.failedFuture(HubException.notFound("no token with id " + id));
              }
              return tokens.revoke(me, id);
            })
        .map(v -> Reply.noContent());
  }

  private static Principal manager(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    if (!me.isOwner() && !(me.isMember() && me.role() == Role.ADULT)) {
      throw HubException.forbidden("only the owner and adults may manage tokens");
    }
    return me;
  }

  /**
   * An automation's pairing: its secret, the id its grants name ({@code principal_id}, aut_...),
   * and the hub's CA with its fingerprint, for the automation's TLS client to verify the hub.
   */
  private static Reply automationIssued(IssuedToken issued, JsonObject ca) {
    Reply reply = issued(issued);
    reply
        .body()
        .put("ca", ca)
        .put(
            "note",
            "this secret is shown once; store it now. Grants for this automation name principal_id "
                + issued.token().principalId());
    return reply;
  }

  private static Reply issued(IssuedToken issued) {
    return Reply.created(
        new JsonObject()
            .put("token", issued.token().toJson())
            .put("secret", issued.secret())
            .put("note", "this secret is shown once; store it now"));
  }
}
