package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.adapters.rtsp.RtspModule;
import io.hearth.adapters.rtsp.restream.RestreamModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

/**
 * A hub with the RTSP adapter and the re-stream, and one automation token (what Frigate or go2rtc
 * would hold): helpers to grant it cameras, turn their re-stream on and make its credentials.
 */
final class RestreamWorld implements AutoCloseable {
  /** A re-stream credential as the API shows it once. */
  record Credential(String id, String username, String password) {}

  final TestHub hub;
  final String tokenId;

  /** The automation the token speaks for (aut_): what grants name, never the token id. */
  final String automationId;

  RestreamWorld(Path data) throws Exception {
    hub =
        TestHub.start(
            data,
            List.of(new RtspModule(), new RestreamModule()),
            "restream.port=0",
            "restream.tls-port=0",
            "restream.host=127.0.0.1");
    HttpResponse<String> token =
        hub.post(
            "/api/v1/tokens", hub.ownerToken, "{\"name\":\"frigate\",\"kind\":\"automation\"}");
    assertEquals(201, token.statusCode(), token.body());
    tokenId = new JsonObject(token.body()).getJsonObject("token").getString("id");
    automationId = new JsonObject(token.body()).getJsonObject("token").getString("principal_id");
  }

  String addCamera(String name, String url) throws Exception {
    return hub.addCamera(name, url);
  }

  /** A live grant for the token on the camera; its id. */
  String grant(String cameraId) throws Exception {
    JsonObject body =
        new JsonObject()
            .put("principal_kind", "automation")
            .put("principal_id", automationId)
            .put("camera_id", cameraId)
            .put("scopes", new JsonArray().add("live"));
    HttpResponse<String> made = hub.post("/api/v1/grants", hub.ownerToken, body.encode());
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body()).getString("id");
  }

  void revoke(String grantId) throws Exception {
    assertEquals(204, hub.delete("/api/v1/grants/" + grantId, hub.ownerToken).statusCode());
  }

  void restream(String cameraId, boolean on) throws Exception {
    HttpResponse<String> set =
        hub.put(
            "/api/v1/cameras/" + cameraId + "/restream",
            hub.ownerToken,
            "{\"enabled\":" + on + "}");
    assertEquals(200, set.statusCode(), set.body());
  }

  /** A credential for the token on the camera, made by the owner. */
  Credential credential(String cameraId) throws Exception {
    HttpResponse<String> made =
        hub.post(
            "/api/v1/cameras/" + cameraId + "/restream/credentials",
            hub.ownerToken,
            new JsonObject().put("token_id", tokenId).encode());
    assertEquals(201, made.statusCode(), made.body());
    JsonObject k = new JsonObject(made.body());
    return new Credential(k.getString("id"), k.getString("username"), k.getString("password"));
  }

  int port() {
    return hub.hub.context().ports().get("restream.port");
  }

  int tlsPort() {
    return hub.hub.context().ports().get("restream.tls-port");
  }

  /** The URL a tool is given: credentials in its user-info. */
  String url(String cameraId, Credential k) {
    return "rtsp://" + k.username() + ":" + k.password() + "@127.0.0.1:" + port() + "/" + cameraId;
  }

  @Override
  public void close() {
    hub.close();
  }
}
