package io.hearth.api;

import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * {@code GET /api/v1/health}: no authentication; says the hub is up, its version and uptime, and
 * how many frames were dropped because they reached the wrong camera's path (each one a security
 * event, also in the log; a number above zero means some layer mixed two cameras up), and each
 * listener's connection counts (a flood shows as refusals).
 */
final class HealthApi {
  private final ModuleContext hub;

  HealthApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router
        .get(ApiRouter.API + "/health")
        .handler(
            Reply.of(
                ctx ->
                    Future.succeededFuture(
                        Reply.ok(
                            new JsonObject()
                                .put("status", "up")
                                .put("version", hub.version())
                                .put(
                                    "uptime_s",
                                    (System.currentTimeMillis() - hub.startedAt()) / 1000)
                                .put("misrouted_frames", hub.switchboard().misroutedFrames())
                                .put("connections", connections())))));
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
