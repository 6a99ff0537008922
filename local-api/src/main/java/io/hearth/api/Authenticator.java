package io.hearth.api;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Signins;
import io.hearth.runtime.security.TokenService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Authentication: an {@code Authorization: Bearer} token (the API, displays, automations and
 * recovery) or else a person's {@code hearth_session} cookie ({@link SigninCookies}: same-origin
 * and CSRF checks first). Either is resolved against the store on every request (never a cache), so
 * a revoked token or an ended sign-in is refused from the next request on; the {@link Principal}
 * goes on the routing context.
 */
final class Authenticator implements Handler<RoutingContext> {
  private static final String KEY = "hearth.principal";
  private static final String SIGNIN = "hearth.signin";

  private final TokenService tokens;
  private final Signins signins;

  Authenticator(TokenService tokens, Signins signins) {
    this.tokens = tokens;
    this.signins = signins;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    String cookie = SigninCookies.session(ctx);
    if (header == null && cookie != null) {
      byCookie(ctx, cookie);
      return;
    }
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(
          HubException.unauthorized(
              "missing_token",
              "sign in at /signin/, or send the header 'Authorization: Bearer <token>'"));
      return;
    }
    tokens
        .authenticate(header.substring(7).trim())
        .onComplete(
            result -> {
              if (result.succeeded()) {
                ctx.put(KEY, result.result());
                ctx.next();
              } else {
                ctx.fail(result.cause());
              }
            });
  }

  private void byCookie(RoutingContext ctx, String cookie) {
    ctx.response().headers().set("Cache-Control", "private, no-store");
    try {
      SigninCookies.requireSameOrigin(ctx);
    } catch (HubException e) {
      ctx.fail(e);
      return;
    }
    signins
        .authenticate(cookie)
        .onComplete(
            result -> {
              if (result.failed()) {
                ctx.fail(result.cause());
                return;
              }
              try {
                SigninCookies.requireCsrf(ctx, result.result().csrfHash());
              } catch (HubException e) {
                ctx.fail(e);
                return;
              }
              ctx.put(KEY, result.result().principal());
              ctx.put(SIGNIN, result.result());
              ctx.next();
            });
  }

  static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) {
      throw new IllegalStateException("route reached without authentication");
    }
    return principal;
  }

  /** The sign-in of a cookie request, or null for a bearer token. */
  static Signins.Current signin(RoutingContext ctx) {
    return ctx.get(SIGNIN);
  }

  /** Fails unless the caller is the home's owner. */
  static Principal owner(RoutingContext ctx) {
    Principal principal = principal(ctx);
    if (!principal.isOwner()) {
      throw HubException.forbidden("only the home's owner may do this");
    }
    return principal;
  }
}
