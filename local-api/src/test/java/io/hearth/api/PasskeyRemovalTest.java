package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Removing a passkey ends the sign-ins it opened, at once (a lost or stolen phone's sessions must
 * not outlive its passkey), and no other: on a real hub, with passkeys registered and signing in
 * through the hub's real WebAuthn routes ({@link SoftPasskey}). Tried with the ended cookie right
 * after the removal, with a signed-out sign-in (not counted again), with a sign-in that removes its
 * own passkey (it stays, as with a password change; its passkey's other sign-ins end), and with the
 * owner removing a member's passkey.
 */
@Timeout(120)
class PasskeyRemovalTest {
  private static final String PASSWORD = "a long family password";

  @RegisterExtension static final TestHub hub = TestHub.perClass();

  static String ownerCookie;
  static String ana;
  static String gus;

  @BeforeAll
  static void setUp() throws Exception {
    ownerCookie = hub.setUpOwner(PASSWORD);
    ana = member("Ana", "adult");
    gus = member("Gus", "guest");
  }

  @Test
  void removingMyPasskeyEndsEverySignInItOpenedAtOnceAndNoOther() throws Exception {
    String byPassword = passwordSignIn("Ana");
    SoftPasskey phone = SoftPasskey.register(hub, ana, byPassword, "Ana's phone");
    SoftPasskey laptop = SoftPasskey.register(hub, ana, byPassword, "Ana's laptop");
    String phone1 = phone.signedIn();
    String phone2 = phone.signedIn();
    String phoneSignedOut = phone.signedIn();
    String byLaptop = laptop.signedIn();
    for (String cookie : new String[] {byPassword, phone1, phone2, phoneSignedOut, byLaptop}) {
      assertEquals(200, hub.get("/api/v1/me", cookie).statusCode(), "signed in");
    }
    String phone1Id = signinId(phone1);
    String phone2Id = signinId(phone2);
    JsonObject listed = signin(ana, phone1Id);
    assertEquals(phone.id, listed.getString("passkey_id"));
    assertEquals("Ana's phone", listed.getString("passkey_name"), "the list names the passkey");
    assertNull(signin(ana, signinId(byPassword)).getString("passkey_id"), "a password sign-in");
    assertEquals(204, hub.post("/api/v1/signout", phoneSignedOut, "{}").statusCode());

    assertEquals(204, hub.delete("/api/v1/passkeys/" + phone.id, byLaptop).statusCode());

    assertError(hub.get("/api/v1/me", phone1), 401, "signed_out");
    assertError(hub.get("/api/v1/me", phone2), 401, "signed_out");
    assertError(
        hub.delete("/api/v1/passkeys/" + laptop.id, phone1),
        401,
        "signed_out"); // an ended sign-in cannot take the other passkey with it
    assertEquals(200, hub.get("/api/v1/me", byPassword).statusCode(), "the password's sign-in");
    assertEquals(200, hub.get("/api/v1/me", byLaptop).statusCode(), "the other passkey's");
    assertEquals(
        2,
        removal(phone.id).getJsonObject("detail").getInteger("signins_ended"),
        "two live sign-ins ended; the signed-out one is not counted again");
    String left = signins(ana).encode();
    assertTrue(!left.contains(phone1Id) && !left.contains(phone2Id), left);
    assertTrue(left.contains(signinId(byLaptop)), left);
    assertError(phone.signIn(), 401, "unknown_passkey");

    String byLaptopToo = laptop.signedIn();
    assertEquals(204, hub.delete("/api/v1/passkeys/" + laptop.id, byLaptop).statusCode());
    assertError(hub.get("/api/v1/me", byLaptopToo), 401, "signed_out");
    assertEquals(
        200,
        hub.get("/api/v1/me", byLaptop).statusCode(),
        "the sign-in making the removal stays, as a password change keeps it");
    assertEquals(1, removal(laptop.id).getJsonObject("detail").getInteger("signins_ended"));
    assertEquals(200, hub.get("/api/v1/me", byPassword).statusCode());
  }

  @Test
  void theOwnerRemovingAMembersPasskeyEndsThatMembersSignInsWithItAndNoOneElses() throws Exception {
    String gusPassword = passwordSignIn("Gus");
    SoftPasskey tablet = SoftPasskey.register(hub, gus, gusPassword, "Gus's tablet");
    String byTablet = tablet.signedIn();
    SoftPasskey ownerPhone = SoftPasskey.register(hub, owner(), ownerCookie, "Owner's phone");
    String byOwnerPhone = ownerPhone.signedIn();
    assertEquals(200, hub.get("/api/v1/me", byTablet).statusCode());

    String path = "/api/v1/members/" + gus + "/passkeys/" + tablet.id;
    assertError(hub.delete(path, byTablet.replaceFirst(";.*", ";hcf_forged")), 403, "csrf_failed");
    assertEquals(200, hub.get("/api/v1/me", byTablet).statusCode(), "a refused removal ends none");
    assertEquals(204, hub.delete(path, byOwnerPhone).statusCode());

    assertError(hub.get("/api/v1/me", byTablet), 401, "signed_out");
    assertEquals(200, hub.get("/api/v1/me", gusPassword).statusCode(), "Gus's password sign-in");
    assertEquals(200, hub.get("/api/v1/me", byOwnerPhone).statusCode(), "another passkey's");
    JsonObject entry = removal(tablet.id);
    assertEquals(1, entry.getJsonObject("detail").getInteger("signins_ended"));
    assertEquals(gus, entry.getJsonObject("detail").getString("member_id"));
    assertError(tablet.signIn(), 401, "unknown_passkey");
    assertEquals(
        204, hub.delete("/api/v1/passkeys/" + ownerPhone.id, ownerCookie).statusCode(), "tidy");
  }

  @Test
  void anEventFeedOpenedWithThePasskeysSignInClosesWithinTheSecondPromised() throws Exception {
    String byPassword = passwordSignIn("Ana");
    SoftPasskey watch = SoftPasskey.register(hub, ana, byPassword, "Ana's watch");
    String byWatch = watch.signedIn();
    HttpRequest.Builder feed =
        SigninCookieJar.apply(HttpRequest.newBuilder(hub.https("/api/v1/events")).GET(), byWatch)
            .header("Accept", "text/event-stream");
    HttpResponse<InputStream> open =
        hub.client.send(feed.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, open.statusCode());
    CompletableFuture<Long> closedAt =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = open.body()) {
                while (in.read() >= 0) {
                  // the feed's keep-alives and events, until the hub closes it
                }
              } catch (java.io.IOException e) {
                // a reset counts as closed too
              }
              return System.nanoTime();
            });
    Thread.sleep(300);
    assertTrue(!closedAt.isDone(), "the feed is open before the removal");

    long removed = System.nanoTime();
    assertEquals(204, hub.delete("/api/v1/passkeys/" + watch.id, byPassword).statusCode());

    // The promise is one second (DESIGN promise 2); 5 s here so a loaded machine does not flake,
    // and the measured delay is printed.
    long closed = closedAt.get(5, TimeUnit.SECONDS);
    System.out.printf(
        "event feed closed %d ms after the passkey's removal%n", (closed - removed) / 1_000_000);
    assertError(hub.get("/api/v1/me", byWatch), 401, "signed_out");
  }

  private static String member(String name, String role) throws Exception {
    String id = hub.member(name, role);
    hub.setPassword(id, PASSWORD, hub.ownerToken);
    return id;
  }

  private static String owner() throws Exception {
    return new JsonObject(hub.get("/api/v1/me", ownerCookie).body()).getString("id");
  }

  private static String passwordSignIn(String name) throws Exception {
    return hub.signedIn(name, PASSWORD);
  }

  /** The id of the sign-in a cookie belongs to, as the hub answers it. */
  private static String signinId(String cookie) throws Exception {
    HttpResponse<String> mine = hub.get("/api/v1/signins", cookie);
    assertEquals(200, mine.statusCode(), mine.body());
    return new JsonObject(mine.body())
        .getJsonArray("signins").stream()
            .map(JsonObject.class::cast)
            .filter(s -> s.getBoolean("current"))
            .findFirst()
            .orElseThrow()
            .getString("id");
  }

  private static JsonArray signins(String member) throws Exception {
    HttpResponse<String> all = hub.get("/api/v1/members/" + member + "/signins", ownerCookie);
    assertEquals(200, all.statusCode(), all.body());
    return new JsonObject(all.body()).getJsonArray("signins");
  }

  private static JsonObject signin(String member, String id) throws Exception {
    return signins(member).stream()
        .map(JsonObject.class::cast)
        .filter(s -> id.equals(s.getString("id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sign-in " + id));
  }

  /** The audit entry of a passkey's removal. */
  private static JsonObject removal(String passkey) throws Exception {
    return new JsonObject(hub.get("/api/v1/audit", hub.ownerToken).body())
        .getJsonArray("entries").stream()
            .map(JsonObject.class::cast)
            .filter(e -> "passkey.delete".equals(e.getString("action")))
            .filter(e -> passkey.equals(e.getString("target")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no passkey.delete of " + passkey));
  }
}
