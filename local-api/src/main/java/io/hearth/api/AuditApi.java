package io.hearth.api;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/audit?before=&limit=}: the audit log, newest first, owner only. */
final class AuditApi {
  private final AuditLog audit;

  AuditApi(ModuleContext hub) {
    this.audit = hub.audit();
  }

  void mount(Router router) {
    router.get(ApiRouter.API + "/audit").handler(Reply.of(this::page));
  }

  private Future<Reply> page(RoutingContext ctx) {
    Authenticator.owner(ctx);
    long before = number(ctx, "before", 0, Long.MAX_VALUE, 0);
    int limit = (int) number(ctx, "limit", 1, AuditLog.MAX_PAGE, 100);
    return audit
        .page(before, limit)
        .map(entries -> Reply.ok(new JsonObject().put("entries", new JsonArray(entries))));
  }

  private static long number(RoutingContext ctx, String name, long min, long max, long fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return fallback;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw HubException.badRequest(
        "query parameter '" + name + "' must be a whole number from " + min + " to " + max);
  }
}
