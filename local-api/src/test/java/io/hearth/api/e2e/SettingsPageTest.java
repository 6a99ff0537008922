package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a phone, the owner changes settings in the admin app: a retention change is saved and in use
 * at once, a motion-sensitivity change is saved and the page says it waits for a restart, both said
 * next to the form; the hub's answer agrees.
 */
class SettingsPageTest {
  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

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
