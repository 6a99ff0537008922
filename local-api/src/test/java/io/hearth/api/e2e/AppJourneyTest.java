package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.GstCamera;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The household's journey at a laptop's, a phone's and a wall display's size, as a person sees it,
 * each from a fresh hub: the first-start set-up page makes the owner's password and a passkey, the
 * owner signs out, signs in with the password, signs out, signs in with the passkey (from then on
 * the admin page works by session cookie and CSRF header only, no token), sees their sign-in and
 * passkey under People and My account, adds a camera (a wrong address is explained next to the
 * form, in view), pairs a display, gives it two cameras, the display shows both live with their
 * names, one is taken away (the display says so in words), the display is unpaired (it says so).
 * Screenshots of each step go to target/screenshots/&lt;size&gt;/.
 */
class AppJourneyTest {
  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  @ParameterizedTest
  @EnumSource(ScreenSize.class)
  @Timeout(180)
  void theOwnerSetsUpADisplayAndTakesItBack(ScreenSize size) throws Exception {
    String tag = size.name().charAt(0) + size.name().substring(1).toLowerCase(Locale.ROOT);
    String porch = "Porch " + tag;
    String garden = "Garden " + tag;
    io.hearth.runtime.testing.TestDirs.delete(size.shots()); // this run's steps only
    try (GstCamera one = GstCamera.builder().codec("h264").pattern("smpte").format("I420").start();
        GstCamera two = GstCamera.builder().codec("h264").pattern("ball").format("I420").start();
        BrowserPage adminTab = size.open(e2e);
        BrowserPage displayTab = size.open(e2e)) {
      Seen admin = new Seen(adminTab, size.shots().resolve("admin"));
      Seen display = new Seen(displayTab, size.shots().resolve("display"));
      SigninSteps signin = new SigninSteps(admin, e2e.freshHub());
      signin.prepare();
      signin.setUp();
      signin.openAdmin();
      signin.signOut();
      signin.signInWithPassword();
      signin.signOut();
      signin.signInWithPasskey();
      AccountSteps account = new AccountSteps(admin, e2e.hub());
      account.myAccount();
      account.people();
      addCameras(admin, porch, one.url(), garden, two.url());
      String code = pairingCode(display, size);
      pair(admin, code, "Hall " + tag, porch);
      grantFromTheMatrix(admin, "Hall " + tag, garden);
      watchBoth(display, porch, garden);
      takeAway(admin, display, "Hall " + tag, garden);
      unpair(admin, display, "Hall " + tag);
      int changes = signin.cookieOnly();
      assertTrue(changes >= 6, "the journey's changes went through the cookie path: " + changes);
    }
  }

  private static void addCameras(Seen admin, String porch, String url, String garden, String url2)
      throws Exception {
    admin.tab().eval("location.hash = '#cameras'");
    admin.press("Add a camera");
    admin.fill("camera-name", porch, "camera-url", "ftp://127.0.0.1/cam");
    admin.tab().eval("document.getElementById('add-camera').requestSubmit()");
    String said = admin.inView("#add-camera + .feedback.error", "Hearth cannot play ftp://");
    assertTrue(said.contains("rtsp://"), said);
    admin.shot("wrong-address-explained");
    admin.noMachineText();

    admin.fill("camera-url", url);
    admin.tab().eval("document.getElementById('add-camera').requestSubmit()");
    admin.inView("#show-add-camera + .feedback", "Added " + porch + ".");
    admin.gone("#add-camera");
    admin.rendered("[data-camera] h3", porch);
    admin.shot("camera-added");
    admin.press("Add a camera");
    admin.fill("camera-name", garden, "camera-url", url2);
    admin.tab().eval("document.getElementById('add-camera').requestSubmit()");
    admin.inView("#show-add-camera + .feedback", "Added " + garden + ".");
    admin.gone("#add-camera");
    assertFalse(admin.layout().getBoolean("overflow"), admin.layout().encode());
    admin.noMachineText();
  }

  /** The display's code on one line, and the admin address on screen. */
  private static String pairingCode(Seen display, ScreenSize size) throws Exception {
    display.tab().navigate(e2e.hub().origin() + "/display/");
    String code =
        (String)
            display
                .tab()
                .await(
                    "window.hearthDisplay && window.hearthDisplay.userCode",
                    v -> v instanceof String && ((String) v).length() == 9,
                    Seen.WAIT);
    display.inView("#user-code", code);
    display.inView("#verification-uri", "/admin");
    Number lines =
        (Number)
            display
                .tab()
                .eval(
                    "(() => { const r = document.createRange();"
                        + " r.selectNodeContents(document.getElementById('user-code'));"
                        + " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;"
                        + " })()");
    assertEquals(1, lines.intValue(), "the code is on one line at " + size);
    display.shot("pairing-code");
    return code;
  }

  private static void pair(Seen admin, String code, String name, String camera) throws Exception {
    admin.tab().eval("location.hash = '#displays'");
    admin.fill("user-code", code, "display-name", name);
    admin
        .tab()
        .eval(
            "[...document.querySelectorAll('#pair-cameras label')].find(l => l.textContent.trim()"
                + " === "
                + Seen.quote(camera)
                + ").querySelector('input').checked = true;"
                + " document.getElementById('pair-form').requestSubmit()");
    admin.inView("#pair-form + .feedback", name + " is paired");
    admin.rendered("#display-list td", name);
    admin.shot("display-paired");
  }

  private static void grantFromTheMatrix(Seen admin, String display, String camera)
      throws Exception {
    admin.tab().eval("location.hash = '#access'");
    admin.press("Let " + display + " see " + camera);
    admin.inView("#grant-matrix + .feedback", display + " now sees " + camera + " live.");
    admin.shot("matrix-granted");
    admin.noMachineText();
  }

  private static void watchBoth(Seen display, String porch, String garden) throws Exception {
    DisplayPage page = new DisplayPage(display.tab());
    display.tab().await("window.hearthDisplay.state", "viewing"::equals, Seen.WAIT);
    for (String name : new String[] {porch, garden}) {
      String id = cameraId(name);
      display
          .tab()
          .await(
              "window.hearthDisplay.tiles.length",
              v -> ((Number) v).intValue() == 2,
              Duration.ofSeconds(70));
      JsonObject tile = page.awaitPicture(id, Duration.ofSeconds(40));
      assertEquals(320, tile.getInteger("videoWidth"), tile.encode());
      display.inView("[data-camera-id='" + id + "'] .name", name);
      display.inView("[data-camera-id='" + id + "'] .state", "Live");
    }
    display.shot("both-live");
    display.noMachineText();
  }

  private static void takeAway(Seen admin, Seen display, String name, String camera)
      throws Exception {
    admin.press("Take " + camera + " away from " + name);
    admin.inView("#grant-matrix + .feedback", name + " no longer sees " + camera + ".");
    display.inView("#message", camera + " is no longer shared with this display.");
    display.shot("camera-withdrawn");
    display.noMachineText();
  }

  private static void unpair(Seen admin, Seen display, String name) throws Exception {
    admin.tab().eval("location.hash = '#displays'");
    admin.press("Unpair " + name);
    admin.press("Press again to unpair " + name);
    admin.inView("#display-list + .feedback", "Unpaired " + name + ".");
    admin.shot("display-unpaired");
    display.tab().await("window.hearthDisplay.state", "pairing"::equals, Seen.WAIT);
    display.inView("#pairing-note", "unpaired by the owner");
    display.inView("#user-code", "-");
    display.shot("told-it-was-unpaired");
    display.noMachineText();
  }

  private static String cameraId(String name) throws Exception {
    JsonArray cameras = e2e.hub().ok("GET", "/api/v1/cameras", null).getJsonArray("cameras");
    for (int i = 0; i < cameras.size(); i++) {
      if (name.equals(cameras.getJsonObject(i).getString("name"))) {
        return cameras.getJsonObject(i).getString("id");
      }
    }
    throw new AssertionError("no camera " + name + ": " + cameras.encode());
  }
}
