package io.hearth.api;

import io.hearth.api.signin.Challenges;
import io.hearth.api.signin.PasswordHasher;
import io.hearth.api.signin.Throttle;
import io.hearth.api.signin.WebAuthn;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Signins;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * What the sign-in routes share, one per API router (one hub): the password hasher, the throttles
 * of failed attempts (per name and per address), the outstanding WebAuthn challenges and the
 * relying party; and the steps every way of signing in ends with.
 */
final class SigninKit {
  /** Failures allowed before a name, or an address, is slowed down. */
  static final int FREE_PER_NAME = 5;

  static final int FREE_PER_ADDRESS = 20;

  final ModuleContext hub;
  final PasswordHasher hasher;
  final Throttle byName = new Throttle(FREE_PER_NAME, 10_000, System::currentTimeMillis);
  final Throttle byAddress = new Throttle(FREE_PER_ADDRESS, 10_000, System::currentTimeMillis);
  final Challenges challenges = new Challenges(1_000, System::currentTimeMillis);
  final WebAuthn webauthn = new WebAuthn();

  SigninKit(ModuleContext hub) {
    this.hub = hub;
    this.hasher = new PasswordHasher(hub.vertx());
  }

  /** Opens a sign-in for {@code member}, sets its cookies and answers who is signed in. */
  Future<Reply> signIn(RoutingContext ctx, Member member, String method) {
    return signIn(ctx, member, method, null);
  }

  /** The same, recording the passkey that signed in: removing it ends this sign-in. */
  Future<Reply> signIn(RoutingContext ctx, Member member, String method, String passkeyId) {
    String agent = ctx.request().getHeader("User-Agent");
    return hub.signins()
        .open(member, method, passkeyId, agent, address(ctx))
        .map(
            opened -> {
              SigninCookies.set(ctx, opened);
              return Reply.ok(
                  new JsonObject()
                      .put("member", member.toJson())
                      .put("signin", opened.signin().toJson(true)));
            });
  }

  /** Refuses (429, with Retry-After) while the address or the name is locked. */
  void requireNotThrottled(RoutingContext ctx, String name) {
    long wait = byAddress.retryAfterSeconds(address(ctx));
    if (name != null) {
      wait = Math.max(wait, byName.retryAfterSeconds(nameKey(name)));
    }
    if (wait > 0) {
      ctx.response().putHeader("Retry-After", Long.toString(wait));
      throw new HubException(
          429,
          "too_many_attempts",
          "too many failed sign-ins; wait " + wait + " seconds, then try again");
    }
  }

  /** Counts a failure against the address and the name, and audits it (never the secret). */
  void failed(RoutingContext ctx, String name, String memberId, String reason) {
    byAddress.failed(address(ctx));
    if (name != null) {
      byName.failed(nameKey(name));
    }
    JsonObject detail = new JsonObject().put("address", address(ctx)).put("reason", reason);
    hub.audit().record(Principal.HUB, "signin.fail", memberId, detail);
  }

  void succeeded(String name) {
    if (name != null) {
      byName.succeeded(nameKey(name));
    }
  }

  /**
   * A password or passkey crosses the network only inside TLS: over the plain-HTTP listener (when
   * {@code api.http-lan} opens it to the LAN) the answer says where to go instead.
   */
  void requireSecureTransport(RoutingContext ctx) {
    if (ctx.request().isSSL() || MetricsApi.fromLoopback(ctx)) {
      return;
    }
    Integer port = hub.ports().get("api.port");
    String host = ctx.request().authority() == null ? "<hub>" : ctx.request().authority().host();
    throw new HubException(
        403,
        "https_required",
        "sign in over HTTPS: open https://"
            + host
            + ":"
            + port
            + "/signin/ (this page is plain"
            + " HTTP, where a browser keeps no secure cookie and a password would travel in the"
            + " clear)");
  }

  /** The relying party's id: the host the page was served from. */
  static String rpId(RoutingContext ctx) {
    if (ctx.request().authority() == null) {
      throw HubException.badRequest("the request has no Host header");
    }
    return ctx.request().authority().host();
  }

  static String address(RoutingContext ctx) {
    var remote = ctx.request().connection().remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }

  private static String nameKey(String name) {
    return name.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** The id of the sign-in making this request, or null when a token makes it. */
  static String currentSignin(RoutingContext ctx) {
    Signins.Current current = Authenticator.signin(ctx);
    return current == null ? null : current.signin().id();
  }

  /** Fails unless the caller is a member (sign-ins and passkeys are people's). */
  static Principal member(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    if (!me.isMember()) {
      throw HubException.forbidden("sign-ins and passkeys belong to members, not to this token");
    }
    return me;
  }
}
