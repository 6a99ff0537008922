package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Members, tokens and the audit log through the API, with each role's limits. */
@Timeout(60)
class MembersAndTokensTest {
  @RegisterExtension static final TestHub hub = TestHub.perClass();

  @Test
  void theOwnerAddsAMemberWhoGetsATokenOfTheirOwn() throws Exception {
    JsonObject ana =
        created(
            hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Ana\",\"role\":\"adult\"}"));
    assertEquals("adult", ana.getString("role"));
    String anaToken = tokenFor(ana.getString("id"));

    JsonObject me = new JsonObject(hub.get("/api/v1/me", anaToken).body());
    assertEquals(ana.getString("id"), me.getString("id"));
    assertEquals("adult", me.getString("role"));

    assertError(
        hub.post("/api/v1/members", anaToken, "{\"name\":\"Eve\",\"role\":\"owner\"}"),
        403,
        "forbidden");
    assertError(hub.get("/api/v1/audit", anaToken), 403, "forbidden");
    assertEquals(200, hub.get("/api/v1/members", anaToken).statusCode());
    JsonObject own = created(hub.post("/api/v1/tokens", anaToken, "{\"name\":\"script\"}"));
    assertEquals(ana.getString("id"), own.getJsonObject("token").getString("principal_id"));
  }

  @Test
  void aGuestSeesNoOneElseAndCannotMakeTokens() throws Exception {
    JsonObject guest =
        created(
            hub.post(
                "/api/v1/members", hub.ownerToken, "{\"name\":\"Babysitter\",\"role\":\"guest\"}"));
    String token = tokenFor(guest.getString("id"));
    assertError(hub.get("/api/v1/members", token), 403, "forbidden");
    assertError(hub.post("/api/v1/tokens", token, "{\"name\":\"x\"}"), 403, "forbidden");
    assertEquals(200, hub.get("/api/v1/members/" + guest.getString("id"), token).statusCode());
    String ownerId = new JsonObject(hub.get("/api/v1/me", hub.ownerToken).body()).getString("id");
    assertError(hub.get("/api/v1/members/" + ownerId, token), 403, "forbidden");
  }

  @Test
  void anAdultCannotMakeOrRevokeTokensOfOthers() throws Exception {
    JsonObject ana =
        created(
            hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Ana\",\"role\":\"adult\"}"));
    JsonObject bo =
        created(
            hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Bo\",\"role\":\"adult\"}"));
    String anaToken = tokenFor(ana.getString("id"));
    JsonObject boToken =
        created(
            hub.post(
                "/api/v1/tokens",
                hub.ownerToken,
                "{\"name\":\"bo\",\"member_id\":\"" + bo.getString("id") + "\"}"));
    assertError(
        hub.post(
            "/api/v1/tokens",
            anaToken,
            "{\"name\":\"x\",\"member_id\":\"" + bo.getString("id") + "\"}"),
        403,
        "forbidden");
    String boTokenId = boToken.getJsonObject("token").getString("id");
    assertError(hub.delete("/api/v1/tokens/" + boTokenId, anaToken), 404, "not_found");
    assertEquals(200, hub.get("/api/v1/me", boToken.getString("secret")).statusCode());
  }

  @Test
  void revokingATokenEndsItAtOnceAndIsAudited() throws Exception {
    JsonObject issued =
        created(
            hub.post(
                "/api/v1/tokens",
                hub.ownerToken,
                "{\"name\":\"rules engine\",\"kind\":\"automation\"}"));
    String secret = issued.getString("secret");
    String id = issued.getJsonObject("token").getString("id");
    assertEquals(
        "automation", new JsonObject(hub.get("/api/v1/me", secret).body()).getString("kind"));
    assertEquals(204, hub.delete("/api/v1/tokens/" + id, hub.ownerToken).statusCode());
    assertError(hub.get("/api/v1/me", secret), 401, "token_revoked");

    JsonArray entries =
        new JsonObject(hub.get("/api/v1/audit?limit=50", hub.ownerToken).body())
            .getJsonArray("entries");
    assertTrue(
        entries.stream()
            .map(JsonObject.class::cast)
            .anyMatch(
                e ->
                    e.getString("action").equals("token.revoke")
                        && id.equals(e.getString("target"))),
        entries.encodePrettily());
  }

  @Test
  void tokenListsNeverCarrySecretsOrHashes() throws Exception {
    created(hub.post("/api/v1/tokens", hub.ownerToken, "{\"name\":\"listed\"}"));
    String list = hub.get("/api/v1/tokens", hub.ownerToken).body();
    assertFalse(list.contains(hub.ownerToken), "the owner's secret is listed");
    assertFalse(list.contains("\"secret\"") || list.contains("\"hash\""), list);
    String audit = hub.get("/api/v1/audit?limit=500", hub.ownerToken).body();
    assertFalse(audit.contains(hub.ownerToken.substring(8)), "the audit log holds a secret");
  }

  @Test
  void theLastOwnerCannotBeRemovedOrDemoted() throws Exception {
    String ownerId = new JsonObject(hub.get("/api/v1/me", hub.ownerToken).body()).getString("id");
    assertError(hub.delete("/api/v1/members/" + ownerId, hub.ownerToken), 409, "conflict");
    HttpResponse<String> demote =
        hub.send(
            TestHub.authorized(
                    HttpRequest.newBuilder(hub.https("/api/v1/members/" + ownerId)), hub.ownerToken)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"role\":\"guest\"}")));
    assertError(demote, 409, "conflict");
    assertEquals(200, hub.get("/api/v1/audit", hub.ownerToken).statusCode());
  }

  @Test
  void removingAMemberRevokesItsTokens() throws Exception {
    JsonObject kid =
        created(
            hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Kid\",\"role\":\"guest\"}"));
    String token = tokenFor(kid.getString("id"));
    assertEquals(
        204, hub.delete("/api/v1/members/" + kid.getString("id"), hub.ownerToken).statusCode());
    assertError(hub.get("/api/v1/me", token), 401, "token_revoked");
    assertError(
        hub.get("/api/v1/members/" + kid.getString("id"), hub.ownerToken), 404, "not_found");
    assertError(hub.get("/api/v1/members/..%2Fetc", hub.ownerToken), 404, "not_found");
  }

  private static String tokenFor(String memberId) throws Exception {
    return created(
            hub.post(
                "/api/v1/tokens",
                hub.ownerToken,
                "{\"name\":\"t\",\"member_id\":\"" + memberId + "\"}"))
        .getString("secret");
  }

  private static JsonObject created(HttpResponse<String> answer) {
    assertEquals(201, answer.statusCode(), answer.body());
    return new JsonObject(answer.body());
  }
}
