package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The account half of the household's journey, in the admin page signed in by cookie: My account (a
 * wrong current password is refused in words, the password is changed and the hub then takes only
 * the new one; the set-up passkey is removed and a new one added), and People (the owner ends a
 * sign-in of another device, whose cookie the hub then refuses; a new member gets a password).
 */
final class AccountSteps {
  static final String NEW_PASSWORD = "a better family password";

  private final Seen admin;
  private final E2eHub hub;
  private final String owner;

  AccountSteps(Seen admin, E2eHub hub) throws Exception {
    this.admin = admin;
    this.hub = hub;
    this.owner = hub.ok("GET", "/api/v1/me", null).getString("name");
  }

  void myAccount() throws Exception {
    admin.tab().eval("location.hash = '#account'");
    admin.rendered("#passkey-list td", "Passkey from set-up");
    admin.fill(
        "current-password",
        "not it at all",
        "account-new-password",
        NEW_PASSWORD,
        "account-repeat-password",
        NEW_PASSWORD);
    admin.tab().eval("document.getElementById('change-password').requestSubmit()");
    admin.inView("#change-password + .feedback.error", "current password is not right");
    admin.shot("my-account-wrong-current-password");
    admin.fill("current-password", SigninSteps.PASSWORD);
    admin.tab().eval("document.getElementById('change-password').requestSubmit()");
    admin.inView("#change-password + .feedback", "Your password is changed.");
    hub.signInElsewhere(owner, NEW_PASSWORD); // throws unless the new password works
    admin.press("Remove passkey Passkey from set-up");
    admin.press("Press again to remove passkey Passkey from set-up");
    admin.inView("#add-passkey + .feedback", "Removed passkey Passkey from set-up.");
    admin.fill("passkey-name", "Kitchen laptop");
    admin.press("Add a passkey on this device");
    admin.inView("#add-passkey + .feedback", "Passkey “Kitchen laptop” added.");
    admin.rendered("#passkey-list td", "Kitchen laptop");
    JsonArray kept = hub.ok("GET", "/api/v1/passkeys", null).getJsonArray("passkeys");
    assertEquals(1, kept.size(), kept.encode());
    assertEquals("Kitchen laptop", kept.getJsonObject(0).getString("name"));
    admin.shot("my-account-passkeys");
    admin.noMachineText();
  }

  void people() throws Exception {
    String phone = hub.signInElsewhere(owner, NEW_PASSWORD);
    assertEquals(200, hub.statusWithCookie("/api/v1/me", phone));
    admin.tab().eval("location.hash = '#people'");
    admin.fill("member-name", "Sam");
    admin.tab().eval("document.getElementById('add-member').requestSubmit()");
    admin.inView("#add-member + .feedback", "Added Sam.");
    admin.rendered(".member-signins td", "Passkey (this page)");
    String end = "End Password sign-in of " + owner + " from Safari on iPhone";
    admin.press(end);
    admin.press("Press again to e" + end.substring(1));
    admin.rendered(".member-signins .feedback", "Ended the Password sign-in of " + owner);
    assertEquals(401, hub.statusWithCookie("/api/v1/me", phone), "the ended sign-in is refused");
    admin.rendered(".member-signins h4", "Sam");
    admin.fill("password-of-" + memberId("Sam"), "sam's own long password");
    admin
        .tab()
        .eval("document.querySelector('form.set-password[data-member=\"Sam\"]').requestSubmit()");
    admin.inView("form.set-password + .feedback", "Sam can now sign in with the new password.");
    hub.signInElsewhere("Sam", "sam's own long password");
    admin.shot("people-signins");
    admin.noMachineText();
  }

  private String memberId(String name) throws Exception {
    JsonArray members = hub.ok("GET", "/api/v1/members", null).getJsonArray("members");
    return members.stream()
        .map(JsonObject.class::cast)
        .filter(m -> name.equals(m.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no member " + name + ": " + members.encode()))
        .getString("id");
  }
}
