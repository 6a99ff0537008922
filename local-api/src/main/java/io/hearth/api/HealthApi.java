package io.hearth.api;

import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/v1/health}: no authentication; says whether the hub is up, degraded or down and
 * the state of each of its parts ({@link HealthChecks}), its version and uptime, and how many
 * frames were dropped because they reached the wrong camera's path (each one a security event, also
 * in the log; a number above zero means some layer mixed two cameras up), and each listener's
 * connection counts (a flood shows as refusals).
 */
final class HealthApi {
  private final ModuleContext hub;

  HealthApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    HealthChecks checks = new HealthChecks(hub);
    router.get(ApiRouter.API + "/health").handler(Reply.of(ctx -> answer(checks)));
  }

  /** 200 while the hub serves (up or degraded), 503 when it is down, for load balancers. */
  private Future<Reply> answer(HealthChecks checks) {
    return checks
        .components()
        .map(
            components -> {
              String status = HealthChecks.overall(components);
              JsonObject body =
                  new JsonObject()
                      .put("status", status)
                      .put("version", hub.version())
                      .put("uptime_s", (System.currentTimeMillis() - hub.startedAt()) / 1000)
                      .put("misrouted_frames", hub.switchboard().misroutedFrames())
                      .put("connections", connections())
                      .put("components", components);
              return new Reply(HealthChecks.DOWN.equals(status) ? 503 : 200, body);
            });
  }

  /** Per listener: connections open now; accepted, refused and timed out since start. */
  private JsonObject connections() {
    JsonObject all = new JsonObject();
    hub.connections()
        .counts()
        .forEach(
            (name, counts) ->
                all.put(
                    name.replace('-', '_'),
                    new JsonObject()
                        .put("open", counts.open())
                        .put("accepted", counts.accepted())
                        .put("refused", counts.refused())
                        .put("timed_out", counts.timedOut())));
    return all;
  }
}
