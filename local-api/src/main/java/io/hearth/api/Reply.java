package io.hearth.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A JSON answer, and the adapter that turns a future-returning route into a Vert.x handler. */
record Reply(int status, JsonObject body) {
  static Reply ok(JsonObject body) {
    return new Reply(200, body);
  }

  static Reply created(JsonObject body) {
    return new Reply(201, body);
  }

  static Reply noContent() {
    return new Reply(204, null);
  }

  /** A route: reads the request, returns the answer's future; throwing is failing. */
  @FunctionalInterface
  interface Route {
    Future<Reply> handle(RoutingContext ctx);
  }

  static Handler<RoutingContext> of(Route route) {
    return ctx -> {
      Future<Reply> reply;
      try {
        reply = route.handle(ctx);
      } catch (RuntimeException e) {
        ctx.fail(e);
        return;
      }
      reply.onSuccess(r -> r.send(ctx)).onFailure(ctx::fail);
    };
  }

  void send(RoutingContext ctx) {
    ctx.response().setStatusCode(status);
    if (body == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
  }
}
