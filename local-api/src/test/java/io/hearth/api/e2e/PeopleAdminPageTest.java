package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a phone, the owner renames a display from the Displays list (the display's own token then
 * answers to the new name, the log says from what to what), and removes another member's passkey
 * from People: the member's real passkey (Chromium's virtual authenticator, which keeps holding it)
 * signed in before and is refused after. Along the way: the roles explained in one line each, one
 * "Your passkeys" heading on My account, and the sign-in page's boxes apart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeopleAdminPageTest {
  private static final String BEA_PASSWORD = "bea's own long password";
  private static final String OWNER_PASSWORD = "the owner's long password";
  private static final ScreenSize SIZE = ScreenSize.PHONE;

  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  @Test
  @Order(1)
  @Timeout(90)
  void theOwnerRenamesADisplayAndTheDisplayAnswersToItsNewName() throws Exception {
    E2eHub hub = e2e.hub();
    JsonObject codes =
        hub.ok("POST", "/api/v1/displays/pair", new JsonObject().put("name", "Hall"));
    hub.approve(codes.getString("user_code"), "Hall");
    String displayToken =
        hub.ok(
                "POST",
                "/api/v1/displays/token",
                new JsonObject().put("device_code", codes.getString("device_code")))
            .getString("access_token");
    try (BrowserPage tab = SIZE.open(e2e)) {
      Seen admin = ownerAdmin(tab, "displays");
      admin.press("Rename Hall");
      submitRename(tab, "   ");
      admin.inView("form.rename + .feedback.error", "Type a name for the display");
      submitRename(tab, "Kit\u202Echen");
      admin.inView("form.rename + .feedback.error", "no control or invisible characters");
      admin.shot("rename-refused");
      submitRename(tab, "Kitchen");
      admin.inView("#display-list + .feedback", "Renamed Hall to Kitchen.");
      admin.rendered("#display-list td", "Kitchen");
      admin.shot("renamed");
      JsonArray displays = hub.ok("GET", "/api/v1/displays", null).getJsonArray("displays");
      assertEquals("Kitchen", displays.getJsonObject(0).getString("name"), displays.encode());
      Object seenByDisplay =
          tab.eval(
              "fetch('/api/v1/me', {headers: {Authorization: 'Bearer "
                  + displayToken
                  + "'}}).then(r => r.json()).then(me => me.name)");
      assertEquals("Kitchen", seenByDisplay, "the display's own token answers to the new name");

      tab.eval("location.hash = '#activity'");
      admin.inView("#audit-list li", "renamed the display Hall to Kitchen.");
      admin.noMachineText();
    }
  }

  @Test
  @Order(2)
  @Timeout(150)
  void aRemovedPasskeySignsNobodyInThoughTheDeviceStillHoldsIt() throws Exception {
    E2eHub hub = e2e.hub();
    hub.ok("POST", "/api/v1/setup", new JsonObject().put("password", OWNER_PASSWORD));
    String ownerName = hub.ok("GET", "/api/v1/me", null).getString("name");
    String bea =
        hub.ok("POST", "/api/v1/members", new JsonObject().put("name", "Bea").put("role", "adult"))
            .getString("id");
    hub.ok(
        "PUT",
        "/api/v1/members/" + bea + "/password",
        new JsonObject().put("password", BEA_PASSWORD));
    try (BrowserPage phone = SIZE.open(e2e);
        BrowserPage laptop = SIZE.open(e2e)) {
      String beasAuthenticator = phone.virtualAuthenticator();
      Seen beas = new Seen(phone, SIZE.shots().resolve("people-bea"));
      signInWithPassword(beas, "Bea", BEA_PASSWORD);
      Object made =
          phone.eval(
              "import('/signin/hub.js').then(m => m.addPasskey(\"Bea's phone\")).then(k => k.name)");
      assertEquals("Bea's phone", made, "Bea's phone made a passkey with the hub");
      signOut(beas);
      beas.press("Sign in with a passkey");
      phone.await("location.pathname", "/admin/"::equals, Seen.WAIT);
      assertEquals("passkey", currentMethod(phone), "the passkey signs Bea in");

      laptop.virtualAuthenticator();
      Seen admin = new Seen(laptop, SIZE.shots().resolve("people-owner"));
      signInWithPassword(admin, ownerName, OWNER_PASSWORD);
      laptop.eval("location.hash = '#account'");
      admin.fill("passkey-name", "Owner's laptop");
      admin.press("Add a passkey on this device");
      admin.inView("#add-passkey + .feedback", "Passkey “Owner's laptop” added.");
      admin.rendered("#passkey-list td", "Owner's laptop");
      Object headings =
          laptop.eval(
              "[...document.querySelectorAll('#sec-account *')].filter(e => e.checkVisibility()"
                  + " && e.getBoundingClientRect().width > 1 && e.getBoundingClientRect().height > 1"
                  + " && e.textContent.trim() === 'Your passkeys').length");
      assertEquals(
          1,
          ((Number) headings).intValue(),
          "one 'Your passkeys' on screen (a caption for screen readers aside)");
      admin.shot("my-account");

      laptop.eval("location.hash = '#people'");
      admin.rendered(".member-signins td", "Owner's laptop");
      assertEquals(
          3,
          ((Number) laptop.eval("document.querySelectorAll('#roles li').length")).intValue(),
          "the three roles, one line each");
      admin.rendered("#roles li", "Guest");
      admin.rendered(".member-signins td", "Passkey “Bea's phone”"); // the sign-in it opened
      String remove = "Remove passkey Bea's phone of Bea";
      admin.press(remove);
      admin.press("Press again to r" + remove.substring(1));
      admin.rendered(".member-signins .feedback", "Removed passkey Bea's phone of Bea.");
      admin.rendered(".member-signins[data-member=\"Bea\"]", "Bea has no passkey.");
      admin.shot("passkey-removed");
      JsonArray left =
          hub.ok("GET", "/api/v1/members/" + bea + "/passkeys", null).getJsonArray("passkeys");
      assertEquals(0, left.size(), left.encode());

      Object ended = phone.eval("fetch('/api/v1/me').then(r => r.status)");
      assertEquals(
          401, ((Number) ended).intValue(), "the sign-in Bea's phone opened with it ended at once");
      phone.navigate(e2e.hub().origin() + "/signin/");
      phone.await("document.readyState === 'complete'", Boolean.TRUE::equals, Seen.WAIT);
      beas.press("Sign in with a passkey");
      beas.inView("#passkey-message", "not registered with this hub");
      assertEquals("/signin/", phone.eval("location.pathname"), "refused: still signing in");
      JsonArray held =
          phone
              .send(
                  "WebAuthn.getCredentials",
                  new JsonObject().put("authenticatorId", beasAuthenticator))
              .getJsonArray("credentials");
      assertEquals(1, held.size(), "the phone still holds the passkey; the hub refused it");
      beas.shot("passkey-refused");

      laptop.eval("location.hash = '#activity'");
      admin.press("Refresh");
      admin.inView("#audit-list li", "removed the passkey Bea's phone of Bea.");
      admin.noMachineText();
    }
  }

  /** The admin page on {@code section}, signed in with the owner token. */
  private static Seen ownerAdmin(BrowserPage tab, String section) throws Exception {
    return new Seen(tab, SIZE.shots().resolve("people-owner")).ownerAdmin(e2e.hub(), section);
  }

  private static void submitRename(BrowserPage tab, String name) throws Exception {
    tab.eval(
        "(() => { const f = document.querySelector('form.rename:not([hidden])');"
            + " f.elements.name.value = "
            + Seen.quote(name)
            + "; f.requestSubmit(); })()");
  }

  private static void signInWithPassword(Seen tab, String name, String password) throws Exception {
    tab.tab().navigate(e2e.hub().origin() + "/signin/");
    tab.tab().await("document.readyState === 'complete'", Boolean.TRUE::equals, Seen.WAIT);
    tab.fill("name", name, "password", password);
    tab.tab().eval("document.getElementById('password-form').requestSubmit()");
    tab.tab().await("location.pathname", "/admin/"::equals, Seen.WAIT);
  }

  /**
   * Signs out as the admin page does (a member who is not the owner has no admin page to press it
   * on) and opens the sign-in page, which says so in a box apart from the password box.
   */
  private static void signOut(Seen tab) throws Exception {
    Object status =
        tab.tab()
            .eval(
                "fetch('/api/v1/signout', {method: 'POST', headers: {'X-Hearth-CSRF':"
                    + " document.cookie.match(/hearth_csrf=([^;]+)/)[1]}}).then(r => r.status)");
    assertEquals(204, ((Number) status).intValue());
    tab.tab().navigate(e2e.hub().origin() + "/signin/?signedout=1");
    tab.inView("#signed-out", "You signed out");
    Object gap =
        tab.tab()
            .eval(
                "document.querySelector('[aria-labelledby=\"password-h\"]').getBoundingClientRect()"
                    + ".top - document.getElementById('signed-out').getBoundingClientRect()"
                    + ".bottom");
    assertTrue(((Number) gap).doubleValue() >= 8, "the two boxes touch: gap " + gap + " px");
  }

  /** How the tab's own sign-in was made, as the hub lists it. */
  private static String currentMethod(BrowserPage tab) throws Exception {
    Object body = tab.eval("fetch('/api/v1/signins').then(r => r.text())");
    return new JsonObject((String) body)
        .getJsonArray("signins").stream()
            .map(JsonObject.class::cast)
            .filter(s -> s.getBoolean("current"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no current sign-in: " + body))
            .getString("method");
  }
}
