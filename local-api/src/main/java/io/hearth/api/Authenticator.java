package io.hearth.api;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.TokenService;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Bearer-token authentication: resolves the token against the store on every request (never a
 * cache) and puts the {@link Principal} on the routing context.
 */
final class Authenticator implements Handler<RoutingContext> {
  private static final String KEY = "hearth.principal";

  private final TokenService tokens;

  Authenticator(TokenService tokens) {
    this.tokens = tokens;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(
          HubException.unauthorized(
              "missing_token",
              "this needs an API token: send the header 'Authorization: Bearer <token>'"));
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

  static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) {
      throw new IllegalStateException("route reached without authentication");
    }
    return principal;
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
