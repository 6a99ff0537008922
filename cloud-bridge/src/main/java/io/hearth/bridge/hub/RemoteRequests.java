package io.hearth.bridge.hub;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.session.StreamSessions;
import io.hearth.runtime.session.Watching;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The small request protocol a display speaks inside the channel, mirroring the LAN API it uses:
 * list its cameras, open a stream session (the grant check, session and sealing of {@code POST
 * /api/v1/cameras/{id}/sessions}, with the grant required to allow use from away), close it. One
 * session at a time per channel. See docs/relay.md.
 */
final class RemoteRequests {
  static final byte JSON = 0x01;
  static final byte CHUNK_PART = 0x02;
  static final byte CHUNK_END = 0x03;

  private final ModuleContext hub;
  private final Principal principal;
  private final RemoteViewer viewer;

  private record Target(Grant grant, Camera camera) {}

  private Watching watching;
  private StreamSession session;

  RemoteRequests(ModuleContext hub, Principal principal, RemoteViewer viewer) {
    this.hub = hub;
    this.principal = principal;
    this.viewer = viewer;
  }

  Principal principal() {
    return principal;
  }

  void received(byte[] message) {
    JsonObject request;
    try {
      if (message.length == 0 || message[0] != JSON) {
        throw new DecodeException("not a request");
      }
      request = new JsonObject(new String(message, 1, message.length - 1, StandardCharsets.UTF_8));
    } catch (DecodeException | ClassCastException e) {
      viewer.close();
      return;
    }
    Object id = request.getValue("id");
    dispatch(request)
        .onSuccess(answer -> reply(answer.put("id", id).put("ok", true)))
        .onFailure(e -> reply(error(e).put("id", id).put("ok", false)));
  }

  private Future<JsonObject> dispatch(JsonObject request) {
    return switch (String.valueOf(request.getValue("op"))) {
      case "cameras" -> cameras();
      case "open" -> open(request.getString("camera_id"), request.getString("format"));
      case "close" -> {
        ended();
        yield Future.succeededFuture(new JsonObject());
      }
      default -> Future.failedFuture(HubException.badRequest("unknown op"));
    };
  }

  private Future<JsonObject> cameras() {
    long now = System.currentTimeMillis();
    return hub.grants()
        .forPrincipal(principal.kind(), principal.id())
        .compose(
            grants ->
                hub.cameras()
                    .list()
                    .map(
                        all -> {
                          JsonArray list = new JsonArray();
                          all.stream()
                              .filter(
                                  c ->
                                      grants.stream()
                                          .anyMatch(
                                              g ->
                                                  g.targetId().equals(c.id())
                                                      && g.allows(Scope.LIVE, true, now)))
                              .forEach(c -> list.add(view(c)));
                          return new JsonObject().put("cameras", list);
                        }));
  }

  /** Id, name and how a browser plays it (mjpeg or mse), as the LAN's camera list says. */
  private JsonObject view(Camera camera) {
    String protocol;
    try {
      protocol = hub.mediaSources().forUrl(camera.url()).protocol();
    } catch (HubException e) {
      protocol = "unavailable";
    }
    return new JsonObject()
        .put("id", camera.id())
        .put("name", camera.name())
        .put("format", "mjpeg".equals(protocol) ? "mjpeg" : "mse");
  }

  private Future<JsonObject> open(String cameraId, String formatName) {
    if (session != null) {
      return Future.failedFuture(HubException.badRequest("one session per channel"));
    }
    StreamSession.Format format = format(formatName);
    return hub.access()
        .check(principal, cameraId, Scope.LIVE, true)
        .compose(grant -> hub.cameras().get(cameraId).map(camera -> new Target(grant, camera)))
        .compose(
            found ->
                hub.sessions()
                    .open(principal, found.grant(), cameraId, format, true)
                    .map(opened -> watch(opened, found.camera())));
  }

  /** Enters the session at once (the ticket never leaves the hub) and streams it here. */
  private JsonObject watch(StreamSessions.Opened opened, Camera camera) {
    session = hub.sessions().redeem(opened.ticket()).orElseThrow();
    watching = hub.sessions().watch(session, camera, new ChannelSink(viewer, this), true);
    JsonObject answer = opened.toJson("");
    answer.remove("ws_url");
    return new JsonObject().put("session", answer);
  }

  /** The session ended (access withdrawn, camera gone): tell the display, keep the channel. */
  void sessionEnded(String reason) {
    if (session != null) {
      reply(
          new JsonObject()
              .put("op", "ended")
              .put("session_id", session.id())
              .put("reason", reason));
    }
    ended();
  }

  /** Watching from away was turned off at home: the display hears it before the stream ends. */
  void turnedOff() {
    JsonObject notice =
        new JsonObject()
            .put("op", "away_off")
            .put("reason", "watching from away was turned off at home");
    if (session != null) {
      notice.put("session_id", session.id());
    }
    reply(notice);
    ended();
  }

  void ended() {
    if (watching != null) {
      watching.close();
      watching = null;
    }
    session = null;
  }

  private void reply(JsonObject answer) {
    byte[] json = answer.encode().getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[json.length + 1];
    message[0] = JSON;
    System.arraycopy(json, 0, message, 1, json.length);
    viewer.send(message);
  }

  private static JsonObject error(Throwable e) {
    if (e instanceof HubException h) {
      return new JsonObject().put("error", h.code()).put("message", h.getMessage());
    }
    return new JsonObject().put("error", "internal").put("message", "the request failed");
  }

  private static StreamSession.Format format(String text) {
    try {
      return StreamSession.Format.valueOf(String.valueOf(text).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw HubException.badRequest("format must be mse or mjpeg");
    }
  }
}
