package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On a phone, the owner renames a camera in the admin app and reads it in the activity log as a
 * sentence, filtered to camera changes; no id or exception text anywhere.
 */
class CameraEditTest {
  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  @Test
  @Timeout(60)
  void theOwnerRenamesACameraAndReadsItInTheActivityLog() throws Exception {
    e2e.hub().addCamera("Shed", "rtsp://127.0.0.1:9/cam");
    try (BrowserPage tab = ScreenSize.PHONE.open(e2e)) {
      Seen admin = new Seen(tab, ScreenSize.PHONE.shots().resolve("edit"));
      tab.navigate(e2e.hub().origin() + "/admin/#cameras");
      admin.inView("#sign-in label", "Owner token");
      admin.fill("token", e2e.hub().ownerToken);
      tab.eval("document.getElementById('sign-in').requestSubmit()");
      admin.press("Edit Shed");
      tab.eval(
          "(() => { const f = document.querySelector('form.edit:not([hidden])');"
              + " f.elements.name.value = 'Garden shed'; f.requestSubmit(); })()");
      admin.inView("[data-camera] .actions + .feedback", "Saved Garden shed.");
      admin.gone("form.edit:not([hidden])");
      admin.shot("renamed");
      assertEquals(
          "Garden shed",
          e2e.hub()
              .ok("GET", "/api/v1/cameras", null)
              .getJsonArray("cameras")
              .getJsonObject(0)
              .getString("name"));

      tab.eval("location.hash = '#activity'");
      admin.inView("#audit-list li", "changed the camera Garden shed.");
      tab.eval(
          "(() => { const s = document.getElementById('audit-kind'); s.value = 'camera.update';"
              + " s.dispatchEvent(new Event('change', {bubbles: true})); })()");
      String shown = (String) tab.eval("document.getElementById('audit-list').innerText");
      assertTrue(shown.contains("changed the camera Garden shed."), shown);
      assertFalse(shown.contains("added the camera"), "filtered to changes: " + shown);
      admin.shot("activity-filtered");
      admin.noMachineText();
    }
  }
}
