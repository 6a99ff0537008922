package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.adapters.mjpeg.sim.SimulatedCameraOptions;
import io.hearth.adapters.mjpeg.sim.SimulatedMjpegCamera;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * axe-core (from npm, local-api/src/test/axe, installed by .ci/install-peers) run inside every page
 * people use, at the three screen sizes: each admin section, the display's pairing screen and its
 * camera tiles, the home page, and the sign-in and first-start set-up pages (also with a message
 * showing) must have no serious or critical violation.
 */
class AccessibilityTest {
  static final Path AXE = Path.of("src/test/axe/node_modules/axe-core/axe.min.js");
  static final List<String> SECTIONS =
      List.of(
          "home",
          "cameras",
          "events",
          "recordings",
          "devices",
          "people",
          "displays",
          "access",
          "inbox",
          "activity",
          "egress",
          "settings",
          "account");

  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();
  static SimulatedMjpegCamera camera;
  static String cameraId;

  @BeforeAll
  static void camera() throws Exception {
    SimulatedCameraOptions options = SimulatedCameraOptions.defaults().withSize(320, 240);
    camera = new SimulatedMjpegCamera(e2e.vertx(), options).start().await(10, TimeUnit.SECONDS);
    cameraId = e2e.hub().addCamera("Hall", camera.videoUrl().toString());
    e2e.hub()
        .ok(
            "POST",
            "/api/v1/members",
            new io.vertx.core.json.JsonObject().put("name", "Sam").put("role", "adult"));
  }

  @AfterAll
  static void stop() throws Exception {
    camera.close().await(5, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @EnumSource(ScreenSize.class)
  @Timeout(120)
  void noSeriousViolationOnAnyPage(ScreenSize size) throws Exception {
    assumeTrue(Files.isRegularFile(AXE), "axe-core is missing: run .ci/install-peers");
    List<String> found = new ArrayList<>();
    try (BrowserPage tab = size.open(e2e)) {
      tab.navigate(e2e.hub().origin() + "/");
      tab.await(
          "document.getElementById('where-to').textContent",
          v -> ((String) v).contains("?"),
          Seen.WAIT);
      found.addAll(scan(tab, "home page"));
      tab.navigate(e2e.hub().origin() + "/admin/");
      tab.await("!document.getElementById('sign-in').hidden", Boolean.TRUE::equals, Seen.WAIT);
      found.addAll(scan(tab, "admin sign-in"));
      tab.eval(
          "document.getElementById('token').value = "
              + Seen.quote(e2e.hub().ownerToken)
              + "; document.getElementById('sign-in').requestSubmit()");
      tab.await("!document.getElementById('console').hidden", Boolean.TRUE::equals, Seen.WAIT);
      tab.await(
          "document.querySelectorAll('[data-camera]').length",
          v -> ((Number) v).intValue() > 0,
          Seen.WAIT);
      for (String section : SECTIONS) {
        tab.eval("location.hash = '#" + section + "'");
        tab.await(
            "document.getElementById('sec-" + section + "').checkVisibility()",
            Boolean.TRUE::equals,
            Seen.WAIT);
        found.addAll(scan(tab, "admin " + section));
      }
    }
    try (BrowserPage tab = size.open(e2e)) {
      found.addAll(signinPages(tab));
    }
    try (BrowserPage tab = size.open(e2e)) {
      DisplayPage page = new DisplayPage(tab);
      tab.navigate(e2e.hub().origin() + "/display/");
      tab.await(
          "window.hearthDisplay && window.hearthDisplay.userCode",
          v -> v instanceof String && ((String) v).length() == 9,
          Seen.WAIT);
      found.addAll(scan(tab, "display pairing"));
      e2e.pair(page, "Axe " + size, cameraId);
      page.awaitPicture(cameraId, Duration.ofSeconds(20));
      found.addAll(scan(tab, "display tiles"));
    }
    assertEquals(List.of(), found, "serious or critical accessibility violations at " + size);
  }

  /** /signin/ (after signing out, and with a refusal), /setup/ (fresh, and with a mistake). */
  private static List<String> signinPages(BrowserPage tab) throws Exception {
    List<String> found = new ArrayList<>();
    tab.navigate(e2e.hub().origin() + "/signin/?signedout=1");
    tab.await("!document.getElementById('setup-needed').hidden", Boolean.TRUE::equals, Seen.WAIT);
    found.addAll(scan(tab, "sign-in"));
    tab.eval(
        "document.getElementById('name').value = 'Nobody';"
            + " document.getElementById('password').value = 'not a password';"
            + " document.getElementById('password-form').requestSubmit()");
    tab.await(
        "document.getElementById('password-message').classList.contains('error')",
        Boolean.TRUE::equals,
        Seen.WAIT);
    found.addAll(scan(tab, "sign-in refused"));
    tab.navigate(e2e.hub().origin() + "/setup/");
    tab.await("document.readyState === 'complete'", Boolean.TRUE::equals, Seen.WAIT);
    found.addAll(scan(tab, "set-up"));
    tab.eval("document.getElementById('setup-form').requestSubmit()");
    tab.await(
        "document.getElementById('setup-message').textContent",
        v -> ((String) v).contains("hth_"),
        Seen.WAIT);
    found.addAll(scan(tab, "set-up mistake"));
    return found;
  }

  /** The scan can fail: a button without a name, planted in the admin page, is reported. */
  @org.junit.jupiter.api.Test
  @Timeout(60)
  void aPlantedViolationIsFound() throws Exception {
    assumeTrue(Files.isRegularFile(AXE), "axe-core is missing: run .ci/install-peers");
    try (BrowserPage tab = ScreenSize.PHONE.open(e2e)) {
      tab.navigate(e2e.hub().origin() + "/admin/");
      tab.await("!document.getElementById('sign-in').hidden", Boolean.TRUE::equals, Seen.WAIT);
      tab.eval("document.getElementById('sign-in').append(document.createElement('button'))");
      List<String> found = scan(tab, "admin sign-in");
      assertEquals(1, found.size(), found.toString());
      org.junit.jupiter.api.Assertions.assertTrue(
          found.get(0).startsWith("admin sign-in: button-name at "), found.toString());
    }
  }

  /** axe's serious and critical violations on the page as it is now: "page: rule at nodes". */
  static List<String> scan(BrowserPage tab, String page) throws Exception {
    if (!Boolean.TRUE.equals(tab.eval("typeof window.axe === 'object'"))) {
      tab.eval(Files.readString(AXE) + "; true");
    }
    String json =
        (String)
            tab.eval(
                "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify("
                    + "r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                    + ".map(v => v.id + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' '))"
                    + ".join(', '))))");
    List<String> found = new ArrayList<>();
    new JsonArray(json).forEach(v -> found.add(page + ": " + v));
    return found;
  }
}
