package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The sign-in half of the household's journey, as a person does it in one tab: the first-start
 * set-up page with the owner token, the owner's password and a passkey (Chromium's virtual
 * authenticator), signing out from the admin page, signing in with the password, and again with the
 * passkey. Every API call the page makes is recorded, so the journey can show that the admin page
 * worked through the session cookie and the CSRF header alone, never a token.
 */
final class SigninSteps {
  static final String PASSWORD = "our first family password";

  private final Seen tab;
  private final E2eHub hub;

  SigninSteps(Seen tab, E2eHub hub) {
    this.tab = tab;
    this.hub = hub;
  }

  /** Adds the authenticator a phone or laptop has, and the call recorder, to the tab. */
  void prepare() throws Exception {
    tab.tab().virtualAuthenticator();
    String recorder =
        "(() => { const calls = []; window.hearthCalls = calls; const real = window.fetch;"
            + " window.fetch = function (input, init) { const h = new Headers((init &&"
            + " init.headers) || {}); calls.push({method: ((init && init.method) || 'GET')"
            + ".toUpperCase(), path: String(input), bearer: h.has('Authorization'),"
            + " csrf: h.get('X-Hearth-CSRF') || ''}); return real.apply(this, arguments); }; })()";
    tab.tab()
        .send("Page.addScriptToEvaluateOnNewDocument", new JsonObject().put("source", recorder));
  }

  /** The set-up page: token, password (a typo first), then a passkey on this device. */
  void setUp() throws Exception {
    tab.tab().navigate(hub.origin() + "/signin/");
    tab.inView("#setup-needed", "no owner sign-in yet");
    tab.shot("signin-says-set-up-first");
    tab.click("#setup-needed a");
    tab.inView("#setup-h", "Create the owner");
    loaded();
    tab.fill("token", hub.ownerToken, "new-password", PASSWORD, "repeat-password", "typo");
    tab.tab().eval("document.getElementById('setup-form').requestSubmit()");
    tab.inView("#setup-message", "The two passwords differ");
    tab.shot("setup-passwords-differ");
    tab.fill("repeat-password", PASSWORD);
    tab.tab().eval("document.getElementById('setup-form').requestSubmit()");
    tab.inView("#passkey-h", "Your password is set");
    tab.gone("#setup-step");
    tab.press("Add a passkey");
    tab.inView("#passkey-message", "added");
    tab.shot("setup-passkey-added");
    assertEquals(1, hub.ok("GET", "/api/v1/passkeys", null).getJsonArray("passkeys").size());
  }

  /** From the set-up page to the admin page, signed in by the set-up's cookie. */
  void openAdmin() throws Exception {
    tab.click("#to-admin");
    tab.inView("#home-h", "Home");
    tab.gone("#sign-in");
  }

  /** The admin page's Sign out button: the hub ends the sign-in, the sign-in page says so. */
  void signOut() throws Exception {
    tab.press("Sign out");
    tab.inView("#signed-out", "You signed out");
    assertEquals("/signin/", tab.tab().eval("location.pathname"));
    Object status = tab.tab().eval("fetch('/api/v1/me').then(r => r.status)");
    assertEquals(401, ((Number) status).intValue(), "signed out at the hub, not only in the page");
    tab.shot("signed-out");
  }

  /** The page's scripts have run (module scripts run before the load event). */
  private void loaded() throws Exception {
    tab.tab().await("document.readyState === 'complete'", Boolean.TRUE::equals, Seen.WAIT);
  }

  /** A wrong password is explained next to the form; the right one opens the admin page. */
  void signInWithPassword() throws Exception {
    loaded();
    String owner = hub.ok("GET", "/api/v1/me", null).getString("name");
    tab.fill("name", owner, "password", "not our password at all");
    tab.tab().eval("document.getElementById('password-form').requestSubmit()");
    tab.inView("#password-message", "do not match");
    tab.shot("signin-wrong-password");
    tab.fill("password", PASSWORD);
    tab.tab().eval("document.getElementById('password-form').requestSubmit()");
    tab.inView("#home-h", "Home");
    assertEquals("password", current().getString("method"));
    tab.shot("signed-in-with-password");
  }

  void signInWithPasskey() throws Exception {
    loaded();
    tab.press("Sign in with a passkey");
    tab.inView("#home-h", "Home");
    assertEquals("passkey", current().getString("method"));
    tab.shot("signed-in-with-passkey");
  }

  /** The sign-in this tab's cookie is, as the hub lists it. */
  JsonObject current() throws Exception {
    Object body = tab.tab().eval("fetch('/api/v1/signins').then(r => r.text())");
    return new JsonObject((String) body)
        .getJsonArray("signins").stream()
            .map(JsonObject.class::cast)
            .filter(s -> s.getBoolean("current"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no current sign-in: " + body));
  }

  /**
   * Every call the admin page made since it was last loaded went by cookie: none carried a token,
   * every change carried the CSRF cookie's value; returns how many changes there were.
   */
  int cookieOnly() throws Exception {
    JsonArray calls = new JsonArray((String) tab.tab().eval("JSON.stringify(window.hearthCalls)"));
    String csrf = (String) tab.tab().eval("document.cookie.match(/hearth_csrf=([^;]+)/)[1]");
    int changes = 0;
    for (Object o : calls) {
      JsonObject call = (JsonObject) o;
      assertTrue(!call.getBoolean("bearer"), "a token went out: " + call.encode());
      if (!"GET".equals(call.getString("method"))) {
        assertEquals(csrf, call.getString("csrf"), call.encode());
        changes++;
      }
    }
    assertEquals(null, tab.tab().eval("sessionStorage.getItem('hearth.admin.token')"));
    return changes;
  }
}
