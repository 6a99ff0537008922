package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Display pairing (RFC 8628), grants, and what each principal can see of cameras. */
@Timeout(60)
class PairingAndGrantsTest {
  @TempDir static Path dir;
  static TestHub hub;
  static String cameraA;
  static String cameraB;

  @BeforeAll
  static void start() throws Exception {
    hub = TestHub.start(dir.resolve("data"));
    cameraA = hub.addCamera("Front door", "test://door");
    cameraB = hub.addCamera("Nursery", "test://nursery");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void aDisplayPairsLikeATvAndSeesOnlyItsCamera() throws Exception {
    JsonObject codes = begin("Kitchen display");
    String userCode = codes.getString("user_code");
    assertTrue(userCode.matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}"), userCode);
    assertEquals(5, codes.getInteger("interval"));
    assertTrue(codes.getInteger("expires_in") > 0);
    assertTrue(codes.getString("verification_uri").endsWith("/admin"));

    String deviceCode = codes.getString("device_code");
    assertError(poll(deviceCode), 400, "authorization_pending");
    assertError(poll(deviceCode), 400, "slow_down");

    String typed = userCode.replace("-", "").toLowerCase(java.util.Locale.ROOT);
    HttpResponse<String> approved = approve(typed, List.of(cameraA));
    assertEquals(200, approved.statusCode(), approved.body());

    HttpResponse<String> granted = poll(deviceCode);
    assertEquals(200, granted.statusCode(), granted.body());
    String token = new JsonObject(granted.body()).getString("access_token");
    assertEquals("Bearer", new JsonObject(granted.body()).getString("token_type"));
    assertError(poll(deviceCode), 400, "invalid_grant");
    assertError(approve(userCode, List.of(cameraA)), 404, "not_found");

    JsonArray visible =
        new JsonObject(hub.get("/api/v1/cameras", token).body()).getJsonArray("cameras");
    assertEquals(1, visible.size());
    assertEquals(cameraA, visible.getJsonObject(0).getString("id"));
    assertEquals(200, hub.get("/api/v1/cameras/" + cameraA, token).statusCode());
    assertError(hub.get("/api/v1/cameras/" + cameraB, token), 403, "forbidden");
    assertError(hub.get("/api/v1/cameras/cam_aaaaaaaaaaaaaaaaaaaa", token), 403, "forbidden");
    assertError(hub.get("/api/v1/members", token), 403, "forbidden");
  }

  @Test
  void aRefusedDisplayGetsAccessDenied() throws Exception {
    JsonObject codes = begin("Stranger");
    assertEquals(
        204,
        hub.post(
                "/api/v1/displays/deny",
                hub.ownerToken,
                new JsonObject().put("user_code", codes.getString("user_code")).encode())
            .statusCode());
    assertError(poll(codes.getString("device_code")), 400, "access_denied");
  }

  @Test
  void onlyTheOwnerApprovesAndNoPairingNeedsAToken() throws Exception {
    JsonObject codes = begin("Hall");
    assertError(
        hub.post(
            "/api/v1/displays/approve",
            null,
            new JsonObject().put("user_code", codes.getString("user_code")).encode()),
        401,
        "missing_token");
    assertError(hub.post("/api/v1/displays/token", null, "{}"), 400, "bad_request");
    assertError(
        hub.post("/api/v1/displays/token", null, "{\"device_code\":\"nonsense\"}"),
        400,
        "invalid_grant");
  }

  @Test
  void unpairingADisplayEndsItsToken() throws Exception {
    String token = pair("Bedroom", List.of(cameraA));
    String id = new JsonObject(hub.get("/api/v1/me", token).body()).getString("id");
    assertEquals(204, hub.delete("/api/v1/displays/" + id, hub.ownerToken).statusCode());
    assertError(hub.get("/api/v1/cameras", token), 401, "token_revoked");
    JsonArray entries =
        new JsonObject(hub.get("/api/v1/audit?limit=200", hub.ownerToken).body())
            .getJsonArray("entries");
    assertTrue(entries.encode().contains("display.pair"));
    assertTrue(entries.encode().contains("display.revoke"));
  }

  @Test
  void grantsGiveAndTakeCamerasFromMembers() throws Exception {
    JsonObject ana =
        new JsonObject(
            hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Ana\",\"role\":\"adult\"}")
                .body());
    String token =
        new JsonObject(
                hub.post(
                        "/api/v1/tokens",
                        hub.ownerToken,
                        "{\"name\":\"t\",\"member_id\":\"" + ana.getString("id") + "\"}")
                    .body())
            .getString("secret");
    assertEquals(
        0,
        new JsonObject(hub.get("/api/v1/cameras", token).body()).getJsonArray("cameras").size(),
        "an adult may be denied the nursery camera");
    HttpResponse<String> grant =
        hub.post(
            "/api/v1/grants",
            hub.ownerToken,
            new JsonObject()
                .put("principal_kind", "member")
                .put("principal_id", ana.getString("id"))
                .put("camera_id", cameraB)
                .put("scopes", new JsonArray().add("snapshot"))
                .encode());
    assertEquals(201, grant.statusCode(), grant.body());
    assertEquals(200, hub.get("/api/v1/cameras/" + cameraB, token).statusCode());
    String grantId = new JsonObject(grant.body()).getString("id");
    assertEquals(204, hub.delete("/api/v1/grants/" + grantId, hub.ownerToken).statusCode());
    assertError(hub.get("/api/v1/cameras/" + cameraB, token), 403, "forbidden");
    assertError(
        hub.post(
            "/api/v1/grants",
            hub.ownerToken,
            new JsonObject()
                .put("principal_kind", "member")
                .put("principal_id", ana.getString("id"))
                .put("camera_id", cameraB)
                .put("scopes", new JsonArray().add("root"))
                .encode()),
        400,
        "bad_request");
  }

  @Test
  void cameraCredentialsGoInAndNeverComeOut() throws Exception {
    HttpResponse<String> made =
        hub.post(
            "/api/v1/cameras",
            hub.ownerToken,
            "{\"name\":\"Garage\",\"url\":\"test://admin:s3cret-pw@garage/stream\"}");
    assertEquals(201, made.statusCode(), made.body());
    JsonObject camera = new JsonObject(made.body());
    assertTrue(camera.getBoolean("has_credentials"));
    assertEquals("test://garage/stream", camera.getString("url"));
    for (String body :
        new String[] {
          made.body(),
          hub.get("/api/v1/cameras", hub.ownerToken).body(),
          hub.get("/api/v1/audit?limit=500", hub.ownerToken).body()
        }) {
      assertFalse(body.contains("s3cret-pw"), body);
    }
    assertError(
        hub.post("/api/v1/cameras", hub.ownerToken, "{\"name\":\"X\",\"url\":\"gopher://x/\"}"),
        400,
        "bad_request");
    assertError(
        hub.post("/api/v1/cameras", hub.ownerToken, "{\"name\":\"X\",\"url\":\"not a url\"}"),
        400,
        "bad_request");
  }

  static String pair(String name, List<String> cameras) throws Exception {
    JsonObject codes = begin(name);
    HttpResponse<String> approved = approve(codes.getString("user_code"), cameras);
    assertEquals(200, approved.statusCode(), approved.body());
    HttpResponse<String> token = poll(codes.getString("device_code"));
    assertEquals(200, token.statusCode(), token.body());
    // The display learns how to find and pin the hub on the home network, with no cloud.
    JsonObject identity = new JsonObject(token.body()).getJsonObject("hub");
    assertEquals(hub.hub.context().home().id(), identity.getString("id"));
    assertEquals(
        hub.hub.context().certificates().fingerprint(),
        identity.getString("tls_fingerprint_sha256"));
    String port = ":" + hub.hub.context().ports().get("api.port");
    for (Object address : identity.getJsonArray("addresses")) {
      assertTrue(((String) address).startsWith("https://") && ((String) address).endsWith(port));
      assertFalse(((String) address).contains("127.0.0.1"), "loopback is not a LAN address");
    }
    return new JsonObject(token.body()).getString("access_token");
  }

  static JsonObject begin(String name) throws Exception {
    HttpResponse<String> answer =
        hub.post("/api/v1/displays/pair", null, new JsonObject().put("name", name).encode());
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body());
  }

  static HttpResponse<String> poll(String deviceCode) throws Exception {
    return hub.post(
        "/api/v1/displays/token", null, new JsonObject().put("device_code", deviceCode).encode());
  }

  static HttpResponse<String> approve(String userCode, List<String> cameras) throws Exception {
    return hub.post(
        "/api/v1/displays/approve",
        hub.ownerToken,
        new JsonObject()
            .put("user_code", userCode)
            .put("cameras", new JsonArray(cameras))
            .put("scopes", new JsonArray().add("live").add("snapshot"))
            .encode());
  }
}
