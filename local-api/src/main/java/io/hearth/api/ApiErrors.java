package io.hearth.api;

import io.hearth.runtime.camera.UrlSecrets;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.logging.LogLimiter;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to one JSON answer, {@code {"error": code, "message": ...}}, with the right
 * status. The only place where errors become HTTP; internals never leak into the message.
 *
 * <p>Server-side failures are logged, at most once a minute per cause: an expected one (a {@link
 * HubException}: a camera offline, a busy queue) as one warning line without a stack trace; an
 * unexpected one as an error with its stack trace. Client errors (4xx) are the client's answer and
 * are not logged.
 */
final class ApiErrors {
  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** One per API router (one hub), so hubs in one JVM do not share their budget. */
  private final LogLimiter limit = new LogLimiter(LogLimiter.DEFAULT_INTERVAL_MS);

  void handle(RoutingContext ctx) {
    HubException error = translate(ctx);
    if (error.status() >= 500) {
      log(ctx, error);
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (error.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"hearth\"");
    }
    ctx.response()
        .setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("error", error.code())
                .put("message", UrlSecrets.redact(error.getMessage()))
                .encode());
  }

  private void log(RoutingContext ctx, HubException error) {
    Throwable failure = ctx.failure();
    boolean expected = failure == null || failure instanceof HubException;
    String cause = error.status() + " " + error.code() + (expected ? "" : " " + failure.getClass());
    long heldBack = limit.admit(cause);
    if (heldBack < 0) {
      return;
    }
    String route = ctx.request().method() + " " + loggedPath(ctx.normalizedPath());
    if (expected) {
      LOG.warn(
          "{} answered {} {}: {}{}",
          route,
          error.status(),
          error.code(),
          error.getMessage(),
          LogLimiter.suffix(heldBack));
    } else {
      LOG.error("{} failed{}", route, LogLimiter.suffix(heldBack), failure);
    }
  }

  /**
   * The path as logged: a stream ticket is a single-use secret and stays out of the log (the rest
   * of the API's paths carry ids, which are not).
   */
  static String loggedPath(String path) {
    String streams = ApiRouter.API + "/streams/";
    return path.startsWith(streams) ? streams + "{ticket}" : path;
  }

  static HubException noSuchRoute(RoutingContext ctx) {
    return HubException.notFound(
        "no API route "
            + ctx.request().method()
            + " "
            + ctx.normalizedPath()
            + "; see /api/v1/openapi.json for the routes");
  }

  private static HubException translate(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof HubException hub) {
      return hub;
    }
    if (failure instanceof DecodeException) {
      return HubException.badRequest("the body is not valid JSON: " + failure.getMessage());
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 413 ->
          new HubException(
              413,
              "body_too_large",
              "the request body is larger than this hub accepts (api.max-body-bytes)");
      case 404 -> HubException.notFound("nothing at " + ctx.normalizedPath());
      case 405 ->
          new HubException(
              405,
              "method_not_allowed",
              ctx.request().method() + " is not allowed on " + ctx.normalizedPath());
      case 400 -> HubException.badRequest("the request is malformed");
      case -1, 500 ->
          new HubException(500, "internal_error", "the hub failed to answer; see the hub's log");
      default -> new HubException(status, "http_" + status, "the request failed");
    };
  }
}
