package io.hearth.api;

import io.hearth.api.signin.PasswordHasher;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Signins;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;

/**
 * Passwords: {@code PUT /members/{id}/password} (a member changes their own with the current one;
 * the owner sets anyone else's), which ends the member's other sign-ins; and the first start,
 * {@code POST /setup}: the owner's token (as the install printed it) sets the owner's first
 * password and signs the page in, and is refused once an owner can sign in.
 */
final class PasswordsApi {
  private final SigninKit kit;

  PasswordsApi(SigninKit kit) {
    this.kit = kit;
  }

  void mount(Router router) {
    router.put(ApiRouter.API + "/members/:id/password").handler(Reply.of(this::set));
    router.post(ApiRouter.API + "/setup").handler(Reply.of(this::setUp));
  }

  private Future<Reply> set(RoutingContext ctx) {
    Principal me = SigninKit.member(ctx);
    String id = MembersApi.memberId(ctx);
    boolean own = me.id().equals(id);
    if (!own && !me.isOwner()) {
      throw HubException.forbidden("only the owner may set another member's password");
    }
    kit.requireSecureTransport(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("password", "current_password"));
    String password = newPassword(body);
    String current = own ? optionalSecret(body) : null;
    Future<Void> allowed = own ? checkCurrent(ctx, id, current) : Future.succeededFuture();
    Signins.Current signin = Authenticator.signin(ctx);
    String keep = own && signin != null ? signin.signin().id() : null;
    return allowed
        .compose(v -> kit.hasher.hash(password))
        .compose(hash -> kit.hub.credentials().setPassword(me, id, hash, keep))
        .map(v -> Reply.noContent());
  }

  /** Changing one's own password needs the current one, when there is one. */
  private Future<Void> checkCurrent(RoutingContext ctx, String id, String current) {
    kit.requireNotThrottled(ctx, null);
    return kit.hub
        .credentials()
        .passwordHash(id)
        .compose(
            (Optional<String> hash) -> {
              if (hash.isEmpty()) {
                return Future.succeededFuture();
              }
              if (current == null) {
                throw HubException.badRequest(
                    "to change your password, give the current one too (current_password)");
              }
              return kit.hasher
                  .verify(current, hash.get())
                  .map(
                      ok -> {
                        if (!ok) {
                          kit.failed(ctx, null, id, "wrong current password");
                          throw new HubException(
                              403, "wrong_password", "the current password is not right");
                        }
                        return null;
                      });
            });
  }

  private Future<Reply> setUp(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    kit.requireSecureTransport(ctx);
    String password = newPassword(JsonBody.of(ctx, Set.of("password")));
    return kit.hasher
        .hash(password)
        .compose(hash -> kit.hub.credentials().setUpOwner(owner, hash))
        .compose(v -> kit.hub.members().get(owner.id()))
        .compose(member -> kit.signIn(ctx, member, "setup"));
  }

  private static String newPassword(JsonBody body) {
    String password = body.secret("password", PasswordHasher.MAX_LENGTH);
    if (password.codePointCount(0, password.length()) < PasswordHasher.MIN_LENGTH) {
      throw HubException.badRequest(
          "choose a password of at least "
              + PasswordHasher.MIN_LENGTH
              + " characters; a few words in a row are easy to remember and hard to guess");
    }
    return password;
  }

  private static String optionalSecret(JsonBody body) {
    try {
      return body.secret("current_password", PasswordHasher.MAX_LENGTH);
    } catch (HubException e) {
      return null;
    }
  }
}
