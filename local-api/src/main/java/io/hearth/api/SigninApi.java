package io.hearth.api;

import io.hearth.api.signin.PasswordHasher;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Signin;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Credentials;
import io.hearth.runtime.security.Signins;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * People's sign-in with a password, and their sign-ins: {@code GET /signin} (is set-up needed),
 * {@code POST /signin/password}, {@code POST /signout}, {@code GET /signins} (mine), {@code GET
 * /members/{id}/signins} (the owner, or the member), {@code DELETE /signins/{id}}. Passkeys are in
 * {@link PasskeysApi}, passwords and the first-start set-up in {@link PasswordsApi}.
 */
final class SigninApi {
  static final String SIGNIN = ApiRouter.API + "/signin";
  private static final String SIGNINS = ApiRouter.API + "/signins";

  private final SigninKit kit;

  SigninApi(SigninKit kit) {
    this.kit = kit;
  }

  /** Routes before authentication. */
  void mountPublic(Router router) {
    router.get(SIGNIN).handler(Reply.of(this::status));
    router.post(SIGNIN + "/password").handler(Reply.of(this::password));
  }

  void mount(Router router) {
    router.post(ApiRouter.API + "/signout").handler(Reply.of(this::signOut));
    router.get(SIGNINS).handler(Reply.of(this::mine));
    router.delete(SIGNINS + "/:id").handler(Reply.of(this::revoke));
    router.get(ApiRouter.API + "/members/:id/signins").handler(Reply.of(this::ofMember));
  }

  private Future<Reply> status(RoutingContext ctx) {
    return kit.hub
        .credentials()
        .setupDone()
        .map(
            done ->
                Reply.ok(
                    new JsonObject()
                        .put("setup_needed", !done)
                        .put("https_port", kit.hub.ports().get("api.port"))));
  }

  private Future<Reply> password(RoutingContext ctx) {
    SigninCookies.requireSameOrigin(ctx);
    kit.requireSecureTransport(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("name", "password"));
    String name = body.requiredText("name");
    String password = body.secret("password", PasswordHasher.MAX_LENGTH);
    kit.requireNotThrottled(ctx, name);
    return kit.hub.credentials().candidates(name).compose(all -> check(ctx, name, password, all));
  }

  /** Tries each member of that name who has a password; the decoy when none has, for timing. */
  private Future<Reply> check(
      RoutingContext ctx, String name, String password, List<Credentials.Candidate> all) {
    List<Credentials.Candidate> withPassword =
        all.stream().filter(c -> c.passwordHash() != null).toList();
    Future<Credentials.Candidate> found;
    if (withPassword.isEmpty()) {
      found = kit.hasher.verify(password, null).map(x -> (Credentials.Candidate) null);
    } else {
      found = Future.succeededFuture(null);
      for (Credentials.Candidate c : withPassword) {
        found =
            found.compose(hit -> hit != null ? Future.succeededFuture(hit) : tryOne(c, password));
      }
    }
    return found.compose(
        hit -> {
          if (hit == null) {
            String target = withPassword.size() == 1 ? withPassword.get(0).member().id() : null;
            kit.failed(ctx, name, target, "wrong name or password");
            throw HubException.unauthorized(
                "wrong_password",
                "that name and password do not match; check both (names ignore capitals) and"
                    + " try again");
          }
          kit.succeeded(name);
          return kit.signIn(ctx, hit.member(), "password");
        });
  }

  private Future<Credentials.Candidate> tryOne(Credentials.Candidate c, String password) {
    return kit.hasher.verify(password, c.passwordHash()).map(ok -> ok ? c : null);
  }

  private Future<Reply> signOut(RoutingContext ctx) {
    Signins.Current current = Authenticator.signin(ctx);
    if (current == null) {
      throw HubException.badRequest(
          "signing out ends a cookie sign-in; to end a token, revoke it (DELETE /api/v1/tokens/{id})");
    }
    Principal me = current.principal();
    return kit.hub
        .signins()
        .revoke(me, current.signin().id(), "signin.signout")
        .map(
            v -> {
              SigninCookies.clear(ctx);
              return Reply.noContent();
            });
  }

  private Future<Reply> mine(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    return list(ctx, me.id());
  }

  private Future<Reply> ofMember(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    String id = MembersApi.memberId(ctx);
    if (!me.isOwner() && !me.id().equals(id)) {
      throw HubException.forbidden("only the owner may see other members' sign-ins");
    }
    return kit.hub.members().get(id).compose(m -> list(ctx, id));
  }

  private Future<Reply> list(RoutingContext ctx, String memberId) {
    String current = SigninKit.currentSignin(ctx);
    return kit.hub
        .signins()
        .of(memberId)
        .map(
            all -> {
              JsonArray array = new JsonArray();
              for (Signin s : all) {
                array.add(s.toJson(s.id().equals(current)));
              }
              return Reply.ok(new JsonObject().put("signins", array));
            });
  }

  private Future<Reply> revoke(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "sgn")) {
      throw HubException.notFound("no sign-in with id " + id);
    }
    return kit.hub
        .signins()
        .get(id)
        .compose(
            s -> {
              if (!me.isOwner() && !s.memberId().equals(me.id())) {
                throw HubException.notFound("no sign-in with id " + id);
              }
              return kit.hub.signins().revoke(me, id, "signin.revoke");
            })
        .map(v -> Reply.noContent());
  }
}
