package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People's sign-in cookies against a real hub: what a sign-in sets, what a cookie may do, and every
 * way a cookie must stop working or be refused (no CSRF value, another site, signed out, revoked by
 * the owner), checked on what the caller receives.
 */
@Timeout(90)
class SigninCookiesTest {
  static final String PASSWORD = "a long family password";

  @RegisterExtension static final TestHub hub = TestHub.perClass();

  static String ownerCookie;

  @BeforeAll
  static void setUp() throws Exception {
    ownerCookie = hub.setUpOwner(PASSWORD);
  }

  /** A new adult with a password; returns their id. */
  static String adult(String name) throws Exception {
    String id = hub.member(name, "adult");
    hub.setPassword(id, PASSWORD, ownerCookie);
    return id;
  }

  static HttpResponse<String> signIn(String name, String password) throws Exception {
    return hub.passwordSignIn(name, password);
  }

  static String cookieOf(String name) throws Exception {
    return hub.signedIn(name, PASSWORD);
  }

  /** A request with only the cookies (no CSRF header), and the extra headers given. */
  static HttpResponse<String> raw(String method, String path, String cookie, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(hub.https(path))
            .header(
                "Cookie",
                "hearth_session="
                    + SigninCookieJar.session(cookie)
                    + "; hearth_csrf="
                    + SigninCookieJar.csrf(cookie))
            .header("Content-Type", "application/json")
            .method(
                method,
                method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return hub.send(request);
  }

  @Test
  void aPasswordSignInSetsBothCookiesWithTheirAttributes() throws Exception {
    String id = adult("Bea");
    HttpResponse<String> in = signIn("  bea ", PASSWORD);
    assertEquals(200, in.statusCode(), in.body());
    assertEquals(id, new JsonObject(in.body()).getJsonObject("member").getString("id"));
    // Attribute names are case-insensitive (RFC 6265); Vert.x writes "HTTPOnly".
    String session = SigninCookieJar.header(in, "hearth_session").toLowerCase(Locale.ROOT);
    for (String attribute : List.of("; httponly", "; secure", "; samesite=strict", "; path=/;")) {
      assertTrue(session.contains(attribute), attribute + " missing: " + session);
    }
    assertTrue(session.contains("max-age=2592000"), "30 days at most: " + session);
    String csrf = SigninCookieJar.header(in, "hearth_csrf").toLowerCase(Locale.ROOT);
    assertTrue(csrf.contains("; secure") && csrf.contains("; samesite=strict"), csrf);
    assertFalse(csrf.contains("httponly"), "the page must read the CSRF value: " + csrf);
    assertEquals("private, no-store", in.headers().firstValue("Cache-Control").orElse(null));
  }

  @Test
  void aWrongPasswordIsRefusedInWordsAndAuditedWithoutTheSecret() throws Exception {
    adult("Cai");
    HttpResponse<String> wrong = signIn("Cai", "guessing-password-123");
    assertError(wrong, 401, "wrong_password");
    assertTrue(wrong.headers().allValues("Set-Cookie").isEmpty(), "no cookie for a failure");
    String audit = hub.get("/api/v1/audit?limit=50", hub.ownerToken).body();
    assertTrue(audit.contains("signin.fail"), audit);
    assertFalse(audit.contains("guessing-password-123"), "a password reached the audit log");
  }

  @Test
  void failedAttemptsLockTheNameWithRetryAfterEvenForTheRightPassword() throws Exception {
    adult("Dan");
    for (int i = 0; i <= SigninKit.FREE_PER_NAME; i++) {
      assertEquals(401, signIn("Dan", "not-dans-password-" + i).statusCode());
    }
    HttpResponse<String> locked = signIn("DAN", PASSWORD);
    assertError(locked, 429, "too_many_attempts");
    long retry = Long.parseLong(locked.headers().firstValue("Retry-After").orElse("0"));
    assertTrue(retry > 0 && retry <= 30, "Retry-After " + retry);
    assertTrue(new JsonObject(locked.body()).getString("message").contains("wait"));
  }

  @Test
  void aCookieReadsAsItsMemberAndEveryAnswerIsPrivate() throws Exception {
    String id = adult("Eva");
    String cookie = cookieOf("Eva");
    HttpResponse<String> me = raw("GET", "/api/v1/me", cookie);
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(id, new JsonObject(me.body()).getString("id"));
    assertEquals("private, no-store", me.headers().firstValue("Cache-Control").orElse(null));
    HttpResponse<String> refused = raw("GET", "/api/v1/audit", cookie);
    assertEquals(403, refused.statusCode());
    assertEquals("private, no-store", refused.headers().firstValue("Cache-Control").orElse(null));
  }

  @Test
  void aChangeWithoutTheCsrfHeaderOrWithAnotherValueIsRefused() throws Exception {
    adult("Fay");
    String cookie = cookieOf("Fay");
    assertError(raw("POST", "/api/v1/tokens", cookie), 403, "csrf_failed");
    assertError(
        raw("POST", "/api/v1/tokens", cookie, "X-Hearth-CSRF", "hcf_forged"), 403, "csrf_failed");
    String other = cookieOf("Fay");
    assertError(
        raw("POST", "/api/v1/tokens", cookie, "X-Hearth-CSRF", SigninCookieJar.csrf(other)),
        403,
        "csrf_failed");
    HttpResponse<String> ok = hub.post("/api/v1/tokens", cookie, "{\"name\":\"x\"}");
    assertEquals(
        201, ok.statusCode(), "with its own CSRF value the same request works: " + ok.body());
  }

  @Test
  void aCookieRequestFromAnotherSiteIsRefusedEvenForReading() throws Exception {
    adult("Gus");
    String cookie = cookieOf("Gus");
    HttpResponse<String> origin =
        raw("GET", "/api/v1/me", cookie, "Origin", "https://evil.example");
    assertError(origin, 403, "cross_site");
    assertFalse(origin.body().contains("Gus"), origin.body());
    assertError(
        raw("GET", "/api/v1/me", cookie, "Sec-Fetch-Site", "cross-site"), 403, "cross_site");
    assertError(raw("GET", "/api/v1/me", cookie, "Sec-Fetch-Site", "same-site"), 403, "cross_site");
    HttpResponse<String> login =
        hub.send(
            HttpRequest.newBuilder(hub.https("/api/v1/signin/password"))
                .header("Content-Type", "application/json")
                .header("Origin", "https://evil.example")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("name", "Gus").put("password", PASSWORD).encode())));
    assertError(login, 403, "cross_site");
    assertTrue(login.headers().allValues("Set-Cookie").isEmpty(), "no sign-in from another site");
    assertEquals(
        200, raw("GET", "/api/v1/me", cookie, "Sec-Fetch-Site", "same-origin").statusCode());
  }

  @Test
  void aSignedOutCookieIsUselessAtOnce() throws Exception {
    adult("Hal");
    String cookie = cookieOf("Hal");
    assertEquals(204, hub.post("/api/v1/signout", cookie, "{}").statusCode());
    HttpResponse<String> after = raw("GET", "/api/v1/me", cookie);
    assertError(after, 401, "signed_out");
    assertFalse(after.body().contains("Hal"), after.body());
  }

  @Test
  void theOwnerRevokingAMembersSignInEndsItOnTheNextRequest() throws Exception {
    String id = adult("Ida");
    String cookie = cookieOf("Ida");
    assertEquals(200, raw("GET", "/api/v1/me", cookie).statusCode());
    JsonArray listed =
        new JsonObject(hub.get("/api/v1/members/" + id + "/signins", ownerCookie).body())
            .getJsonArray("signins");
    assertEquals(1, listed.size(), listed.encode());
    String signin = listed.getJsonObject(0).getString("id");
    assertEquals(204, hub.delete("/api/v1/signins/" + signin, ownerCookie).statusCode());
    assertError(raw("GET", "/api/v1/me", cookie), 401, "signed_out");
    assertError(raw("GET", "/api/v1/cameras", cookie), 401, "signed_out");
    String audit = hub.get("/api/v1/audit?limit=50", hub.ownerToken).body();
    assertTrue(audit.contains("signin.revoke"), audit);
    assertFalse(audit.contains(SigninCookieJar.session(cookie)), "a cookie reached the audit log");
  }

  @Test
  void anAdultSignedInByCookieSeesOnlyTheCamerasGrantedToThem() throws Exception {
    String id = adult("Jo");
    String porch = hub.addCamera("Porch", "test://porch/live");
    String nursery = hub.addCamera("Nursery", "test://nursery/live");
    HttpResponse<String> grant =
        hub.post(
            "/api/v1/grants",
            hub.ownerToken,
            new JsonObject()
                .put("principal_kind", "member")
                .put("principal_id", id)
                .put("camera_id", porch)
                .put("scopes", new JsonArray().add("live"))
                .encode());
    assertEquals(201, grant.statusCode(), grant.body());
    String cookie = cookieOf("Jo");
    HttpResponse<String> list = raw("GET", "/api/v1/cameras", cookie);
    assertEquals(200, list.statusCode(), list.body());
    JsonArray cameras = new JsonObject(list.body()).getJsonArray("cameras");
    assertEquals(1, cameras.size(), list.body());
    assertEquals(porch, cameras.getJsonObject(0).getString("id"));
    assertFalse(list.body().contains("Nursery") || list.body().contains(nursery), list.body());
    HttpResponse<String> one = raw("GET", "/api/v1/cameras/" + nursery, cookie);
    assertTrue(one.statusCode() == 403 || one.statusCode() == 404, one.body());
    assertFalse(one.body().contains("Nursery"), one.body());
  }
}
