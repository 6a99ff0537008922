package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.bridge.hub.BridgeModule;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a phone, the owner changes settings in the admin app: a retention change is saved and in use
 * at once, a motion-sensitivity change is saved and the page says it waits for a restart, both said
 * next to the form; the hub's answer agrees. The switch for watching from away (the hub has the
 * bridge on, towards a relay that is not there) turns the relay link off at once, Outside
 * connections says who turned it off, and axe finds nothing serious at any of the three sizes.
 */
class SettingsPageTest {
  static final String AWAY = "setting-bridge-away-viewing";

  @RegisterExtension
  static final E2eFixture e2e =
      E2eFixture.withChromium()
          .withModules(
              dir -> List.of(new BridgeModule()),
              "bridge.enabled=true",
              "bridge.relay-url=wss://localhost:" + Peers.freePort());

  @Test
  @Timeout(60)
  void theOwnerSavesSettingsAndReadsWhatAppliesWhen() throws Exception {
    try (BrowserPage tab = ScreenSize.PHONE.open(e2e)) {
      Seen admin = new Seen(tab, ScreenSize.PHONE.shots().resolve("settings"));
      tab.navigate(e2e.hub().origin() + "/admin/#settings");
      admin.inView("#sign-in label", "Owner token");
      admin.fill("token", e2e.hub().ownerToken);
      tab.eval("document.getElementById('sign-in').requestSubmit()");
      admin.rendered("#settings-fields label", "Keep recordings for (days)");
      admin.fill("setting-recording-retention-days", "14");
      tab.eval("document.getElementById('settings-form').requestSubmit()");
      admin.inView("#settings-form + .feedback", "Saved. The hub uses the new values now.");
      admin.rendered("#setting-recording-retention-days-hint", "Changed here");
      admin.shot("retention-saved");
      assertEquals(14, setting("recording.retention-days").getInteger("value"));

      admin.fill("setting-recording-motion-threshold", "20");
      tab.eval("document.getElementById('settings-form').requestSubmit()");
      String said = admin.inView("#settings-form + .feedback", "Restart the hub to apply");
      assertTrue(said.contains("Motion sensitivity"), said);
      admin.rendered(
          "#setting-recording-motion-threshold-hint", "the hub uses it after its next restart");
      JsonObject motion = setting("recording.motion-threshold");
      assertEquals(20, motion.getInteger("value"));
      assertTrue(motion.getBoolean("restart_required"), motion.encode());
      admin.shot("restart-needed");
      admin.noMachineText();
    }
  }

  @Test
  @Timeout(180)
  void theOwnerTurnsWatchingFromAwayOffAndOnWithItsSwitch() throws Exception {
    List<String> found = new ArrayList<>();
    for (ScreenSize size : List.of(ScreenSize.PHONE, ScreenSize.DISPLAY, ScreenSize.DESKTOP)) {
      try (BrowserPage tab = size.open(e2e)) {
        Seen admin = new Seen(tab, size.shots().resolve("away-switch"));
        signIn(tab, admin);
        admin.rendered("#settings-fields label", "Allow watching from away");
        assertEquals(
            "switch", tab.eval("document.getElementById('" + AWAY + "').getAttribute('role')"));
        boolean on = setting("bridge.away-viewing").getBoolean("value");
        assertEquals(on, tab.eval("document.getElementById('" + AWAY + "').checked"));
        if (size != ScreenSize.DISPLAY) {
          admin.click("#" + AWAY); // the phone turns it off, the desktop on again
          tab.eval("document.getElementById('settings-form').requestSubmit()");
          admin.inView("#settings-form + .feedback", "Saved. The hub uses the new values now.");
          assertEquals(!on, setting("bridge.away-viewing").getBoolean("value"));
        }
        tab.eval("document.getElementById('" + AWAY + "').scrollIntoView({block: 'center'}); true");
        admin.shot("settings");
        if (AccessibilityTest.AXE.toFile().isFile()) {
          found.addAll(AccessibilityTest.scan(tab, size + " settings"));
        }
        tab.eval("location.hash = '#egress'");
        boolean offNow = size == ScreenSize.PHONE || size == ScreenSize.DISPLAY;
        admin.rendered(
            "#bridge-state", offNow ? "turned off by the owner in Settings" : "relay at localhost");
        JsonObject bridge = e2e.hub().ok("GET", "/api/v1/bridge", null);
        assertEquals(offNow, "off".equals(bridge.getString("state")), bridge.encode());
        admin.shot("outside-connections");
        if (AccessibilityTest.AXE.toFile().isFile()) {
          found.addAll(AccessibilityTest.scan(tab, size + " outside connections"));
        }
        admin.noMachineText();
      }
    }
    assertEquals(List.of(), found, "serious or critical accessibility violations");
    assumeTrue(
        AccessibilityTest.AXE.toFile().isFile(), "axe-core is missing: run .ci/install-peers");
  }

  private static void signIn(BrowserPage tab, Seen admin) throws Exception {
    tab.navigate(e2e.hub().origin() + "/admin/#settings");
    admin.inView("#sign-in label", "Owner token");
    admin.fill("token", e2e.hub().ownerToken);
    tab.eval("document.getElementById('sign-in').requestSubmit()");
  }

  private static JsonObject setting(String name) throws Exception {
    JsonArray all = e2e.hub().ok("GET", "/api/v1/settings", null).getJsonArray("settings");
    for (int i = 0; i < all.size(); i++) {
      if (all.getJsonObject(i).getString("name").equals(name)) {
        return all.getJsonObject(i);
      }
    }
    throw new AssertionError("no setting " + name + " in " + all.encode());
  }
}
