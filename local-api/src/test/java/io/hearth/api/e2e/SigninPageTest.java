package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * People's sign-in in headless Chromium at phone size (390×844), as a person does it: the
 * first-start set-up page creates the owner's password and a passkey (Chromium's virtual
 * authenticator through DevTools), then the sign-in page signs in with the password and with the
 * passkey. Each step checks what the page shows and what the hub then answers to the page's cookie.
 * Screenshots go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SigninPageTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String PASSWORD = "our first family password";
  private static final Path SHOTS = Path.of("target", "screenshots");

  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  @Test
  @Order(1)
  @Timeout(90)
  void theOwnerSetsUpAPasswordAndAPasskeyThenSignsInWithThePasskey() throws Exception {
    try (BrowserPage tab = phone(e2e.newPage())) {
      String authenticator = tab.virtualAuthenticator();
      tab.navigate(e2e.hub().origin() + "/setup/");
      tab.await("document.readyState === 'complete'", Boolean.TRUE::equals, WAIT);
      fill(tab, "token", e2e.hub().ownerToken, "new-password", PASSWORD, "repeat-password", "typo");
      tab.eval("document.getElementById('setup-form').requestSubmit()");
      awaitText(tab, "setup-message", "differ");
      shot(tab, "setup-1-mismatch");
      fill(tab, "repeat-password", PASSWORD);
      tab.eval("document.getElementById('setup-form').requestSubmit()");
      tab.await(
          "document.getElementById('passkey-step').hidden"
              + " ? document.getElementById('setup-message').textContent : 'shown'",
          "shown"::equals,
          WAIT);
      shot(tab, "setup-2-password-set");
      assertEquals("owner", me(tab).getString("role"), "set-up signed the page in as the owner");

      tab.eval("document.getElementById('add-passkey').click()");
      awaitText(tab, "passkey-message", "added");
      shot(tab, "setup-3-passkey-added");
      JsonArray held = credentials(tab, authenticator);
      assertEquals(1, held.size(), "the authenticator holds the new passkey");
      JsonArray stored = e2e.hub().ok("GET", "/api/v1/passkeys", null).getJsonArray("passkeys");
      assertEquals(1, stored.size(), stored.encode());

      signOut(tab);
      tab.navigate(e2e.hub().origin() + "/signin/");
      tab.await("document.readyState === 'complete'", Boolean.TRUE::equals, WAIT);
      shot(tab, "signin-1-page");
      tab.eval("document.getElementById('passkey').click()");
      tab.await("location.pathname", "/admin/"::equals, WAIT);
      JsonObject current = currentSignin(tab);
      assertEquals("passkey", current.getString("method"), current.encode());
      assertEquals("owner", me(tab).getString("role"));
      assertTrue(
          e2e.hub()
                  .ok("GET", "/api/v1/passkeys", null)
                  .getJsonArray("passkeys")
                  .getJsonObject(0)
                  .getString("last_used_at")
              != null,
          "the hub recorded the passkey's use");
    }
  }

  @Test
  @Order(2)
  @Timeout(60)
  void aFreshBrowserSignsInWithThePasswordAfterAWrongOne() throws Exception {
    try (BrowserPage tab = phone(e2e.newPage())) {
      tab.navigate(e2e.hub().origin() + "/signin/");
      tab.await("document.readyState === 'complete'", Boolean.TRUE::equals, WAIT);
      assertEquals(Boolean.TRUE, tab.eval("document.getElementById('setup-needed').hidden"));
      String owner = e2e.hub().ok("GET", "/api/v1/me", null).getString("name");
      fill(tab, "name", owner, "password", "not the password at all");
      tab.eval("document.getElementById('password-form').requestSubmit()");
      awaitText(tab, "password-message", "do not match");
      shot(tab, "signin-2-wrong-password");
      assertEquals(
          Boolean.TRUE,
          tab.eval(
              "(() => { const r = document.getElementById('password-message')"
                  + ".getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()"),
          "the message is in view, next to the form");
      assertEquals(Boolean.TRUE, tab.eval("document.documentElement.scrollWidth <= 390"));
      fill(tab, "password", PASSWORD);
      tab.eval("document.getElementById('password-form').requestSubmit()");
      tab.await("location.pathname", "/admin/"::equals, WAIT);
      assertEquals("password", currentSignin(tab).getString("method"));
      assertEquals(
          Boolean.FALSE,
          tab.eval("document.cookie.includes('hearth_session')"),
          "the session cookie is HttpOnly: no script reads it");
      assertEquals(Boolean.TRUE, tab.eval("document.cookie.includes('hearth_csrf=')"));
    }
  }

  @Test
  @Order(3)
  @Timeout(60)
  void theSetUpPageRefusesOnceTheOwnerCanSignIn() throws Exception {
    try (BrowserPage tab = phone(e2e.newPage())) {
      tab.navigate(e2e.hub().origin() + "/setup/");
      tab.await("!document.getElementById('already').hidden", Boolean.TRUE::equals, WAIT);
      assertEquals(Boolean.TRUE, tab.eval("document.getElementById('setup-step').hidden"));
      shot(tab, "setup-4-already-done");
      assertEquals(
          409,
          e2e.hub()
              .call(
                  "POST",
                  "/api/v1/setup",
                  new JsonObject().put("password", "x".repeat(12)).encode())
              .statusCode());
    }
  }

  private static BrowserPage phone(BrowserPage tab) throws Exception {
    tab.send(
        "Emulation.setDeviceMetricsOverride",
        new JsonObject()
            .put("width", 390)
            .put("height", 844)
            .put("deviceScaleFactor", 1)
            .put("mobile", true));
    return tab;
  }

  private static JsonArray credentials(BrowserPage tab, String authenticator) throws Exception {
    return tab.send(
            "WebAuthn.getCredentials", new JsonObject().put("authenticatorId", authenticator))
        .getJsonArray("credentials");
  }

  /** Who the page's own cookie speaks for, asked as the page would. */
  private static JsonObject me(BrowserPage tab) throws Exception {
    Object body = tab.eval("fetch('/api/v1/me', {credentials: 'same-origin'}).then(r => r.text())");
    return new JsonObject((String) body);
  }

  private static JsonObject currentSignin(BrowserPage tab) throws Exception {
    Object body =
        tab.eval("fetch('/api/v1/signins', {credentials: 'same-origin'}).then(r => r.text())");
    JsonArray all = new JsonObject((String) body).getJsonArray("signins");
    return all.stream()
        .map(JsonObject.class::cast)
        .filter(s -> s.getBoolean("current"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no current sign-in in " + body));
  }

  /** Signs out as the admin page will: POST with the CSRF header from the hearth_csrf cookie. */
  private static void signOut(BrowserPage tab) throws Exception {
    Object status =
        tab.eval(
            "fetch('/api/v1/signout', {method: 'POST', credentials: 'same-origin', headers:"
                + " {'X-Hearth-CSRF': document.cookie.match(/hearth_csrf=([^;]+)/)[1]}})"
                + ".then(r => r.status)");
    assertEquals(204, ((Number) status).intValue());
    Object after =
        tab.eval("fetch('/api/v1/me', {credentials: 'same-origin'}).then(r => r.status)");
    assertEquals(401, ((Number) after).intValue(), "signed out: the page is no one now");
    assertFalse((Boolean) tab.eval("document.cookie.includes('hearth_csrf=hcf_')"));
  }

  private static void fill(BrowserPage tab, String... fields) throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      script
          .append("document.getElementById(")
          .append(quote(fields[i]))
          .append(").value = ")
          .append(quote(fields[i + 1]))
          .append(";");
    }
    tab.eval(script.toString());
  }

  private static String quote(String text) {
    return new JsonArray().add(text).encode().replaceAll("^\\[|\\]$", "");
  }

  private static void awaitText(BrowserPage tab, String id, String text) throws Exception {
    tab.await(
        "document.getElementById(" + quote(id) + ").textContent",
        v -> ((String) v).contains(text),
        WAIT);
  }

  private static void shot(BrowserPage tab, String name) throws Exception {
    String data =
        tab.send("Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data");
    Files.createDirectories(SHOTS);
    Files.write(SHOTS.resolve("signin-" + name + ".png"), Base64.getDecoder().decode(data));
  }
}
