package io.hearth.api;

import io.hearth.runtime.domain.Signin;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Signins;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The cookie contract of people's sign-ins (docs/signin.md): {@code hearth_session} holds the
 * sign-in's secret ({@code HttpOnly; Secure; SameSite=Strict; Path=/}); {@code hearth_csrf} holds a
 * second secret the page reads ({@code Secure; SameSite=Strict; Path=/}, not HttpOnly) and sends
 * back in the {@code X-Hearth-CSRF} header on every request that is not a GET or HEAD. The header
 * must equal the cookie and hash to what the store holds for the sign-in, both compared in constant
 * time; and a cookie request whose {@code Sec-Fetch-Site} or {@code Origin} says it comes from
 * another site is refused before anything else.
 */
final class SigninCookies {
  static final String SESSION = "hearth_session";
  static final String CSRF = "hearth_csrf";
  static final String CSRF_HEADER = "X-Hearth-CSRF";

  private SigninCookies() {}

  static void set(RoutingContext ctx, Signins.Opened opened) {
    long maxAge = Signin.ABSOLUTE_MS / 1000;
    ctx.response().addCookie(cookie(SESSION, opened.secret(), maxAge).setHttpOnly(true));
    ctx.response().addCookie(cookie(CSRF, opened.csrf(), maxAge).setHttpOnly(false));
    ctx.response().headers().set("Cache-Control", "private, no-store");
  }

  static void clear(RoutingContext ctx) {
    ctx.response().addCookie(cookie(SESSION, "", 0).setHttpOnly(true));
    ctx.response().addCookie(cookie(CSRF, "", 0).setHttpOnly(false));
  }

  private static Cookie cookie(String name, String value, long maxAge) {
    return Cookie.cookie(name, value)
        .setPath("/")
        .setSecure(true)
        .setSameSite(CookieSameSite.STRICT)
        .setMaxAge(maxAge);
  }

  /** The session cookie's value, or null. */
  static String session(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SESSION);
    return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
  }

  /** Refuses a request a browser marks as coming from another site (or another origin). */
  static void requireSameOrigin(RoutingContext ctx) {
    String site = ctx.request().getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw crossSite();
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !origin.equalsIgnoreCase(ownOrigin(ctx))) {
      throw crossSite();
    }
  }

  /** The origin this request was sent to: its scheme and Host. */
  static String ownOrigin(RoutingContext ctx) {
    return ctx.request().scheme() + "://" + ctx.request().authority();
  }

  /** The double-submit check, for every cookie request that may change something. */
  static void requireCsrf(RoutingContext ctx, byte[] storedHash) {
    String method = ctx.request().method().name();
    if (method.equals("GET") || method.equals("HEAD")) {
      return;
    }
    String header = ctx.request().getHeader(CSRF_HEADER);
    Cookie cookie = ctx.request().getCookie(CSRF);
    boolean ok =
        header != null
            && cookie != null
            && header.length() <= 100
            && MessageDigest.isEqual(bytes(header), bytes(cookie.getValue()))
            && MessageDigest.isEqual(
                io.hearth.runtime.domain.TokenSecrets.hash(header), storedHash);
    if (!ok) {
      throw new HubException(
          403,
          "csrf_failed",
          "this request lacks the page's check value (header X-Hearth-CSRF); reload the page and"
              + " try again");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static HubException crossSite() {
    return new HubException(
        403,
        "cross_site",
        "this request came from another web site and was refused; open the hub's own page");
  }
}
