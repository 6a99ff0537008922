package io.hearth.api;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/security-events}: a viewer reports a chunk that failed its check (another
 * session's, another camera's, out of sequence, or not authentic). Logged as a security event and
 * recorded in the audit log for the owner.
 */
final class SecurityEventsApi {
  private static final Logger LOG = LoggerFactory.getLogger("io.hearth.security");
  private static final Set<String> KINDS = Set.of("chunk_rejected");

  private final ModuleContext hub;

  SecurityEventsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.post(ApiRouter.API + "/security-events").handler(Reply.of(this::report));
  }

  private Future<Reply> report(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("kind", "session_id", "camera_id", "reason"));
    String kind = body.requiredText("kind");
    if (!KINDS.contains(kind)) {
      throw io.hearth.runtime.error.HubException.badRequest("kind must be one of " + KINDS);
    }
    JsonObject detail =
        new JsonObject()
            .put("session_id", body.optionalText("session_id"))
            .put("camera_id", body.optionalText("camera_id"))
            .put("reason", body.optionalText("reason"));
    LOG.warn("SECURITY {} reported by {}: {}", kind, me.auditName(), detail.encode());
    return hub.audit()
        .record(me, "security." + kind, detail.getString("session_id"), detail)
        .map(v -> Reply.created(new JsonObject().put("recorded", true)));
  }
}
