package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Passkey;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The owner's management of displays and of other members' passkeys and sign-ins, on a real hub,
 * tried by everyone who must not: an adult reaching for another member's passkeys or sign-ins, a
 * guest, a display's own token, no token, and the owner's own cookie without its CSRF value.
 */
@Timeout(90)
class PeopleManagementTest {
  private static final String PASSWORD = "a long family password";

  @RegisterExtension static final TestHub hub = TestHub.perClass();

  static String ownerCookie;
  static String ana;
  static String anaToken;
  static String gus;
  static String gusToken;
  static String display;
  static String displayToken;

  @BeforeAll
  static void setUp() throws Exception {
    ownerCookie = hub.setUpOwner(PASSWORD);
    ana = member("Ana", "adult");
    anaToken = token(ana);
    gus = member("Gus", "guest");
    gusToken = token(gus);
    displayToken = hub.pairDisplay("Hall", List.of());
    display =
        new JsonObject(hub.get("/api/v1/displays", hub.ownerToken).body())
            .getJsonArray("displays")
            .getJsonObject(0)
            .getString("id");
  }

  @Test
  void theOwnerRenamesADisplayWhichThenAnswersToItsNewNameAndTheLogSaysFromWhat() throws Exception {
    HttpResponse<String> renamed = rename(display, "  Kitchen  ", hub.ownerToken);
    assertEquals(200, renamed.statusCode(), renamed.body());
    assertEquals("Kitchen", new JsonObject(renamed.body()).getString("name"));
    assertEquals("Kitchen", displayName());
    JsonObject me = new JsonObject(hub.get("/api/v1/me", displayToken).body());
    assertEquals("Kitchen", me.getString("name"), "the display learns its name from the hub");
    JsonObject entry = audit("display.rename");
    assertEquals(display, entry.getString("target"));
    assertEquals("Hall", entry.getJsonObject("detail").getString("from"));
    assertEquals("Kitchen", entry.getJsonObject("detail").getString("name"));
    String tokens = hub.get("/api/v1/tokens", hub.ownerToken).body();
    assertTrue(tokens.contains("\"display Kitchen\""), tokens);
    assertEquals(200, rename(display, "Hall", ownerCookie).statusCode(), "by cookie and CSRF");
    assertEquals("Hall", displayName());
  }

  @Test
  void aBadNameIsRefusedInWordsAndTheDisplayKeepsItsName() throws Exception {
    for (String bad :
        List.of("", "   ", "x".repeat(65), "Kit\u202Echen", "Kit\u0007chen", "Kit\u200Bchen")) {
      assertError(rename(display, bad, hub.ownerToken), 400, "bad_request");
    }
    assertError(patch(display, "{}", hub.ownerToken), 400, "bad_request");
    assertError(
        patch(display, "{\"name\":\"A\",\"room\":\"B\"}", hub.ownerToken), 400, "bad_request");
    assertError(patch(display, "{\"name\":7}", hub.ownerToken), 400, "bad_request");
    assertError(rename("dsp_nosuchdisplayaaaaaaaa", "Den", hub.ownerToken), 404, "not_found");
    assertError(rename("not-a-display", "Den", hub.ownerToken), 404, "not_found");
    assertEquals(200, rename(display, "Café ☕ 2", hub.ownerToken).statusCode());
    assertEquals("Café ☕ 2", displayName());
    assertEquals(200, rename(display, "Hall", hub.ownerToken).statusCode());
  }

  @Test
  void nobodyButTheOwnerRenamesADisplayNotEvenTheDisplayItself() throws Exception {
    assertError(rename(display, "Mine now", anaToken), 403, "forbidden");
    assertError(rename(display, "Mine now", gusToken), 403, "forbidden");
    assertError(rename(display, "Mine now", displayToken), 403, "forbidden");
    assertError(rename(display, "Mine now", null), 401, "missing_token");
    assertError(withoutCsrf("PATCH", "/api/v1/displays/" + display), 403, "csrf_failed");
    assertEquals("Hall", displayName());
  }

  @Test
  void theOwnerListsAndRemovesAMembersPasskeyAndItSignsNobodyInAfterwards() throws Exception {
    Passkey key = passkey(ana, "Ana's phone");
    String path = "/api/v1/members/" + ana + "/passkeys";
    JsonArray listed = passkeys(path, hub.ownerToken);
    assertEquals(1, listed.size(), listed.encode());
    assertEquals("Ana's phone", listed.getJsonObject(0).getString("name"));
    assertTrue(!listed.encode().contains("credential"), "no key material: " + listed.encode());
    assertError(hub.delete(path + "/pky_nosuchpasskeyaaaaaaa", hub.ownerToken), 404, "not_found");
    assertError(
        hub.delete("/api/v1/members/" + gus + "/passkeys/" + key.id(), hub.ownerToken),
        404,
        "not_found");
    assertEquals(204, hub.delete(path + "/" + key.id(), ownerCookie).statusCode());
    assertEquals(0, passkeys(path, hub.ownerToken).size());
    assertTrue(
        hub.hub.context().credentials().passkeys(ana).await(5, TimeUnit.SECONDS).isEmpty(),
        "gone from the store");
    JsonObject entry = audit("passkey.delete");
    assertEquals(key.id(), entry.getString("target"));
    assertEquals(ana, entry.getJsonObject("detail").getString("member_id"));
    assertError(signInWith(key), 401, "unknown_passkey");
    assertError(hub.delete(path + "/" + key.id(), hub.ownerToken), 404, "not_found");
  }

  @Test
  void anAdultAGuestAndADisplayNeverReachAnotherMembersPasskeys() throws Exception {
    Passkey gusKey = passkey(gus, "Gus's tablet");
    Passkey anaKey = passkey(ana, "Ana's laptop");
    String gusPath = "/api/v1/members/" + gus + "/passkeys";
    String anaPath = "/api/v1/members/" + ana + "/passkeys";
    assertError(hub.get(gusPath, anaToken), 403, "forbidden");
    assertError(hub.delete(gusPath + "/" + gusKey.id(), anaToken), 403, "forbidden");
    assertError(hub.delete(anaPath + "/" + gusKey.id(), anaToken), 404, "not_found");
    assertError(hub.delete("/api/v1/passkeys/" + gusKey.id(), anaToken), 404, "not_found");
    assertError(hub.get(anaPath, gusToken), 403, "forbidden");
    assertError(hub.delete(anaPath + "/" + anaKey.id(), gusToken), 403, "forbidden");
    assertError(hub.get(anaPath, displayToken), 403, "forbidden");
    assertError(hub.delete(anaPath + "/" + anaKey.id(), displayToken), 403, "forbidden");
    assertError(hub.get(anaPath, null), 401, "missing_token");
    assertError(withoutCsrf("DELETE", anaPath + "/" + anaKey.id()), 403, "csrf_failed");
    assertEquals(1, passkeys(gusPath, hub.ownerToken).size(), "Gus's passkey is still there");
    assertEquals(1, passkeys(anaPath, anaToken).size(), "a member reads their own");
    assertEquals(204, hub.delete(anaPath + "/" + anaKey.id(), anaToken).statusCode());
    assertEquals(204, hub.delete(gusPath + "/" + gusKey.id(), hub.ownerToken).statusCode());
  }

  @Test
  void onlyTheOwnerSeesAndEndsAnotherMembersSignIn() throws Exception {
    assertEquals(
        204,
        hub.put(
                "/api/v1/members/" + gus + "/password",
                hub.ownerToken,
                new JsonObject().put("password", PASSWORD).encode())
            .statusCode());
    HttpResponse<String> in =
        hub.post(
            "/api/v1/signin/password",
            null,
            new JsonObject().put("name", "Gus").put("password", PASSWORD).encode());
    assertEquals(200, in.statusCode(), in.body());
    String gusCookie = SigninCookieJar.token(in);
    String signin = new JsonObject(in.body()).getJsonObject("signin").getString("id");
    assertError(hub.get("/api/v1/members/" + gus + "/signins", anaToken), 403, "forbidden");
    assertError(hub.delete("/api/v1/signins/" + signin, anaToken), 404, "not_found");
    assertError(hub.delete("/api/v1/signins/" + signin, displayToken), 403, "forbidden");
    assertEquals(200, hub.get("/api/v1/me", gusCookie).statusCode(), "still signed in");
    JsonArray seen =
        new JsonObject(hub.get("/api/v1/members/" + gus + "/signins", hub.ownerToken).body())
            .getJsonArray("signins");
    assertTrue(seen.encode().contains(signin), seen.encode());
    assertEquals(204, hub.delete("/api/v1/signins/" + signin, ownerCookie).statusCode());
    assertError(hub.get("/api/v1/me", gusCookie), 401, "signed_out");
  }

  private static String member(String name, String role) throws Exception {
    return hub.member(name, role);
  }

  private static String token(String member) throws Exception {
    return hub.tokenOf(member);
  }

  /**
   * A passkey row as a finished registration stores it (the WebAuthn ceremony itself is Chromium's,
   * in PeopleAdminPageTest); its credential id is random, so no other test's key matches it.
   */
  private static Passkey passkey(String member, String name) throws Exception {
    byte[] credentialId = Ids.newId("cred").getBytes(StandardCharsets.US_ASCII);
    Passkey key =
        new Passkey(
            Ids.newId("pky"),
            member,
            credentialId,
            new byte[] {1, 2, 3},
            0,
            name,
            System.currentTimeMillis(),
            null);
    Principal owner = new Principal(PrincipalKind.MEMBER, member, name, Role.ADULT, null);
    return hub.hub.context().credentials().addPasskey(owner, key).await(5, TimeUnit.SECONDS);
  }

  /** A passkey sign-in naming {@code key}'s credential, as far as the hub's lookup of it. */
  private static HttpResponse<String> signInWith(Passkey key) throws Exception {
    HttpResponse<String> options = hub.post("/api/v1/signin/passkey/options", null, "{}");
    assertEquals(200, options.statusCode(), options.body());
    String b64 = "AAAA";
    JsonObject credential =
        new JsonObject()
            .put("id", Base64.getUrlEncoder().withoutPadding().encodeToString(key.credentialId()))
            .put("client_data", b64)
            .put("authenticator_data", b64)
            .put("signature", b64);
    JsonObject body =
        new JsonObject()
            .put("challenge_id", new JsonObject(options.body()).getString("challenge_id"))
            .put("credential", credential);
    return hub.post("/api/v1/signin/passkey", null, body.encode());
  }

  private static JsonArray passkeys(String path, String token) throws Exception {
    HttpResponse<String> answer = hub.get(path, token);
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body()).getJsonArray("passkeys");
  }

  private static HttpResponse<String> rename(String id, String name, String token)
      throws Exception {
    return patch(id, new JsonObject().put("name", name).encode(), token);
  }

  private static HttpResponse<String> patch(String id, String json, String token) throws Exception {
    return hub.patch("/api/v1/displays/" + id, token, json);
  }

  private static String displayName() throws Exception {
    return new JsonObject(hub.get("/api/v1/displays", hub.ownerToken).body())
        .getJsonArray("displays")
        .getJsonObject(0)
        .getString("name");
  }

  /** The newest audit entry of {@code action}. */
  private static JsonObject audit(String action) throws Exception {
    return new JsonObject(hub.get("/api/v1/audit", hub.ownerToken).body())
        .getJsonArray("entries").stream()
            .map(JsonObject.class::cast)
            .filter(e -> action.equals(e.getString("action")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no audit entry " + action));
  }

  /** The owner's sign-in cookies sent as a page would, but without the X-Hearth-CSRF header. */
  private static HttpResponse<String> withoutCsrf(String method, String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hub.https(path))
            .header(
                "Cookie",
                "hearth_session="
                    + SigninCookieJar.session(ownerCookie)
                    + "; hearth_csrf="
                    + SigninCookieJar.csrf(ownerCookie))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString("{\"name\":\"Hacked\"}"));
    return hub.send(request);
  }
}
