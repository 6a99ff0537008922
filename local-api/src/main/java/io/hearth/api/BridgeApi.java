package io.hearth.api;

import io.hearth.runtime.domain.Timestamps;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Owner only. {@code GET /api/v1/bridge}: whether the hub's link to its relay is off, connecting,
 * connected or reconnecting (and why, and when the next attempt is), with the sessions watched from
 * away now. {@code GET /api/v1/sessions}: every stream session attached now (live or a recording,
 * at home or from away), who holds it and since when.
 */
final class BridgeApi {
  private final ModuleContext hub;

  BridgeApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(ApiRouter.API + "/bridge").handler(Reply.of(this::bridge));
    router.get(ApiRouter.API + "/sessions").handler(Reply.of(this::sessions));
  }

  private Future<Reply> bridge(RoutingContext ctx) {
    Authenticator.owner(ctx);
    boolean running = hub.operations().modules().contains("bridge");
    JsonObject state =
        running
            ? hub.operations().state("bridge").orElse(new JsonObject().put("state", "connecting"))
            : new JsonObject().put("state", "off");
    JsonObject answer = new JsonObject().put("enabled", running);
    state.forEach(
        e ->
            answer.put(
                e.getKey(),
                e.getKey().equals("since") || e.getKey().equals("next_attempt_at")
                    ? Timestamps.iso(((Number) e.getValue()).longValue())
                    : e.getValue()));
    List<StreamSessions.Attached> away =
        hub.sessions().attached().stream().filter(StreamSessions.Attached::away).toList();
    return Future.succeededFuture(Reply.ok(answer.put("remote_sessions", json(away))));
  }

  private Future<Reply> sessions(RoutingContext ctx) {
    Authenticator.owner(ctx);
    return Future.succeededFuture(
        Reply.ok(new JsonObject().put("sessions", json(hub.sessions().attached()))));
  }

  private static JsonObject viewer(StreamSessions.Attached s) {
    JsonObject viewer =
        new JsonObject()
            .put("kind", s.principal().kind() == null ? "hub" : s.principal().kind().wireName())
            .put("id", s.principal().id());
    if (s.principal().name() != null) {
      viewer.put("name", s.principal().name());
    }
    return viewer;
  }

  private static JsonArray json(List<StreamSessions.Attached> sessions) {
    JsonArray list = new JsonArray();
    for (StreamSessions.Attached s : sessions) {
      list.add(
          new JsonObject()
              .put("id", s.sessionId())
              .put("camera_id", s.cameraId())
              .put("viewer", viewer(s))
              .put("playback", s.playback())
              .put("remote", s.away())
              .put("since", Timestamps.iso(s.since())));
    }
    return list;
  }
}
