package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document is a contract: a real hub answers every documented operation (with the
 * tokens and fixtures each needs: a member, a camera, a paired display, grants, devices, discovered
 * entries), and each answer's status and body must be what the document says, strictly (no
 * undocumented field, every date-time RFC 3339). Fails too when the router and the document list
 * different routes, or when an operation of the document was not exercised.
 */
@Timeout(120)
class ContractTest {
  static final String API = "/api/v1";
  @TempDir Path dir;
  TestHub hub;
  ContractClient api;
  String owner;

  @Test
  void everyRouteAnswersAsDocumented() throws Exception {
    try (TestHub started = TestHub.start(dir.resolve("data"))) {
      hub = started;
      owner = hub.ownerToken;
      JsonObject document = new JsonObject(hub.get(API + "/openapi.json", null).body());
      api = new ContractClient(hub, new OpenApiContract(document));
      Fixtures f = new Fixtures();
      publicRoutes();
      people(f);
      new ContractSignin(hub, api).run(f.member);
      cameras(f);
      displays(f);
      streams(f);
      new ContractEvents(hub, api).cameraEvents(f.camera);
      ContractDevices more = new ContractDevices(hub, api);
      more.devices();
      more.discovered();
      new ContractSettings(hub, api).run(f.token);
      cleanUp(f);
      Set<String> missing = new TreeSet<>(api.contract.operations());
      missing.removeAll(api.contract.exercised());
      assertEquals(
          "",
          String.join("\n", api.contract.failures()),
          "answers that break the document (and operations not called: " + missing + ")");
      assertEquals(Set.of(), missing, "documented operations the test did not call");
    }
  }

  /** Ids the calls make and later ones use. */
  static final class Fixtures {
    String member;
    String token;
    String camera;
    String grant;
    String display;
    String displayToken;
  }

  private void publicRoutes() throws Exception {
    api.ok(200, "GET", API + "/health", API + "/health", null, null);
    api.ok(200, "GET", API + "/openapi.json", API + "/openapi.json", null, null);
    HttpResponse<String> metrics = api.get("/metrics", "/metrics", null);
    assertEquals(200, metrics.statusCode(), metrics.body());
    HttpResponse<String> ca = api.get(API + "/ca.pem", API + "/ca.pem", null);
    assertEquals(200, ca.statusCode(), ca.body());
    api.get(API + "/me", API + "/me", null); // 401 without a token, documented as an Error
    api.get(API + "/cameras/{id}", API + "/cameras/cam_nosuchcameraaaaaaaaaa", owner); // 404
  }

  private void people(Fixtures f) throws Exception {
    api.ok(200, "GET", API + "/me", API + "/me", owner, null);
    f.member =
        api.ok(
                201,
                "POST",
                API + "/members",
                API + "/members",
                owner,
                new JsonObject().put("name", "Ana").put("role", "adult"))
            .getString("id");
    api.ok(200, "GET", API + "/members", API + "/members", owner, null);
    api.ok(200, "GET", API + "/members/{id}", API + "/members/" + f.member, owner, null);
    api.ok(
        200,
        "PATCH",
        API + "/members/{id}",
        API + "/members/" + f.member,
        owner,
        new JsonObject().put("name", "Ana B"));
    JsonObject issued =
        api.ok(
            201,
            "POST",
            API + "/tokens",
            API + "/tokens",
            owner,
            new JsonObject()
                .put("name", "phone")
                .put("member_id", f.member)
                .put("expires_in_s", 3600));
    f.token = issued.getString("secret");
    api.ok(
        201,
        "POST",
        API + "/tokens",
        API + "/tokens",
        owner,
        new JsonObject().put("name", "rules").put("kind", "automation"));
    api.ok(200, "GET", API + "/tokens", API + "/tokens", owner, null);
    api.ok(200, "GET", API + "/audit", API + "/audit", owner, null);
    api.ok(200, "GET", API + "/egress", API + "/egress", owner, null);
  }

  private void cameras(Fixtures f) throws Exception {
    f.camera =
        api.ok(
                201,
                "POST",
                API + "/cameras",
                API + "/cameras",
                owner,
                new JsonObject().put("name", "Porch").put("url", "test://porch/live"))
            .getString("id");
    String one = API + "/cameras/" + f.camera;
    api.ok(200, "GET", API + "/cameras/{id}", one, owner, null);
    api.ok(
        200,
        "PUT",
        API + "/devices/{id}/room",
        API + "/devices/" + f.camera + "/room",
        owner,
        new JsonObject().put("room", "Porch"));
    api.ok(200, "GET", API + "/rooms", API + "/rooms", owner, null);
    api.ok(
        200, "PATCH", API + "/cameras/{id}", one, owner, new JsonObject().put("name", "Porch 2"));
    f.grant =
        api.ok(
                201,
                "POST",
                API + "/grants",
                API + "/grants",
                owner,
                new JsonObject()
                    .put("principal_kind", "member")
                    .put("principal_id", f.member)
                    .put("camera_id", f.camera)
                    .put("scopes", new JsonArray().add("live").add("snapshot"))
                    .put("expires_in_s", 3600))
            .getString("id");
    api.ok(200, "GET", API + "/grants", API + "/grants", owner, null);
    // The owner's and a viewer's view of the same cameras: both shapes are documented.
    api.ok(200, "GET", API + "/cameras", API + "/cameras", owner, null);
    JsonObject seen = api.ok(200, "GET", API + "/cameras", API + "/cameras", f.token, null);
    assertEquals(1, seen.getJsonArray("cameras").size(), seen.encode());
    api.ok(200, "GET", API + "/cameras/{id}", one, f.token, null);
    restream(f, one);
  }

  /** The camera's re-stream switch and a viewer's own credential for it. */
  private void restream(Fixtures f, String one) throws Exception {
    String at = one + "/restream";
    String path = API + "/cameras/{id}/restream";
    api.ok(200, "GET", path, at, owner, null);
    api.ok(200, "PUT", path, at, owner, new JsonObject().put("enabled", true));
    JsonObject made =
        api.ok(201, "POST", path + "/credentials", at + "/credentials", f.token, new JsonObject());
    api.ok(200, "GET", path + "/credentials", at + "/credentials", owner, null);
    api.ok(
        204,
        "DELETE",
        path + "/credentials/{credential}",
        at + "/credentials/" + made.getString("id"),
        owner,
        null);
  }

  private void displays(Fixtures f) throws Exception {
    JsonObject codes =
        api.ok(
            200,
            "POST",
            API + "/displays/pair",
            API + "/displays/pair",
            null,
            new JsonObject().put("name", "Kitchen TV"));
    JsonObject poll = new JsonObject().put("device_code", codes.getString("device_code"));
    api.call("POST", API + "/displays/token", API + "/displays/token", null, poll.encode()); // 400
    api.ok(200, "GET", API + "/displays/pairing", API + "/displays/pairing", owner, null);
    f.display =
        api.ok(
                200,
                "POST",
                API + "/displays/approve",
                API + "/displays/approve",
                owner,
                new JsonObject()
                    .put("user_code", codes.getString("user_code"))
                    .put("cameras", new JsonArray().add(f.camera))
                    .put("scopes", new JsonArray().add("live")))
            .getString("id");
    f.displayToken =
        api.ok(200, "POST", API + "/displays/token", API + "/displays/token", null, poll)
            .getString("access_token");
    api.ok(200, "GET", API + "/displays", API + "/displays", owner, null);
    api.ok(
        200,
        "PATCH",
        API + "/displays/{id}",
        API + "/displays/" + f.display,
        owner,
        new JsonObject().put("name", "Kitchen"));
    JsonObject other =
        api.ok(
            200,
            "POST",
            API + "/displays/pair",
            API + "/displays/pair",
            null,
            new JsonObject().put("name", "Hall"));
    api.ok(
        204,
        "POST",
        API + "/displays/deny",
        API + "/displays/deny",
        owner,
        new JsonObject().put("user_code", other.getString("user_code")));
    api.ok(200, "DELETE", API + "/displays/pairing", API + "/displays/pairing", owner, null);
  }

  private void streams(Fixtures f) throws Exception {
    String cam = API + "/cameras/" + f.camera;
    JsonObject session =
        api.ok(
            201,
            "POST",
            API + "/cameras/{id}/sessions",
            cam + "/sessions",
            f.displayToken,
            new JsonObject().put("format", "mjpeg"));
    api.upgrade(session.getString("ws_url"));
    api.ok(200, "GET", API + "/sessions", API + "/sessions", owner, null);
    api.ok(200, "GET", API + "/bridge", API + "/bridge", owner, null);
    api.call(
        "POST",
        API + "/security-events",
        API + "/security-events",
        f.displayToken,
        new JsonObject()
            .put("kind", "chunk_rejected")
            .put("session_id", session.getString("session_id"))
            .put("camera_id", f.camera)
            .put("reason", "contract test")
            .encode());
    assertEquals(200, api.stream(API + "/cameras/{id}/mjpeg", cam + "/mjpeg", owner));
    api.get(API + "/cameras/{id}/snapshot", cam + "/snapshot", owner);
    api.get(API + "/cameras/{id}/recording", cam + "/recording", owner);
    api.call(
        "PUT",
        API + "/cameras/{id}/recording",
        cam + "/recording",
        owner,
        new JsonObject().put("mode", "off").encode());
    api.get(API + "/cameras/{id}/recordings", cam + "/recordings?from=2020-01-01T00:00:00Z", owner);
    api.get(
        API + "/cameras/{id}/recordings/spans",
        cam + "/recordings/spans?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z",
        owner);
    api.call(
        "POST",
        API + "/cameras/{id}/recordings/{segment}/sessions",
        cam + "/recordings/seg_nosuchsegmentaaaaaaaa/sessions",
        owner,
        new JsonObject().put("format", "mjpeg").encode()); // 404
  }

  private void cleanUp(Fixtures f) throws Exception {
    JsonObject tokens = api.ok(200, "GET", API + "/tokens", API + "/tokens", owner, null);
    String tokenId =
        tokens.getJsonArray("tokens").stream()
            .map(JsonObject.class::cast)
            .filter(t -> "phone".equals(t.getString("name")))
            .findFirst()
            .orElseThrow()
            .getString("id");
    api.ok(204, "DELETE", API + "/tokens/{id}", API + "/tokens/" + tokenId, owner, null);
    api.ok(204, "DELETE", API + "/grants/{id}", API + "/grants/" + f.grant, owner, null);
    api.ok(204, "DELETE", API + "/displays/{id}", API + "/displays/" + f.display, owner, null);
    api.ok(204, "DELETE", API + "/members/{id}", API + "/members/" + f.member, owner, null);
    api.ok(204, "DELETE", API + "/cameras/{id}", API + "/cameras/" + f.camera, owner, null);
  }
}
