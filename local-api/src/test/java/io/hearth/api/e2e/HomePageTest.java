package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /} sends each visitor to the right place: a stranger chooses, a signed-in owner goes
 * to the admin app, a paired display to its cameras; and the icon is served at both addresses.
 */
class HomePageTest {
  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  @Test
  @Timeout(60)
  void aStrangerChoosesAnOwnerIsSentToTheAdminAppADisplayToItsCameras() throws Exception {
    try (BrowserPage tab = ScreenSize.PHONE.open(e2e)) {
      Seen seen = new Seen(tab, ScreenSize.PHONE.shots().resolve("home"));
      tab.navigate(e2e.hub().origin() + "/");
      seen.inView("#where-to", "Where would you like to go?");
      seen.inView(".choices a", "Sign in");
      seen.inView(".choices a", "Use this screen as a display");
      seen.shot("choices");

      tab.eval(
          "sessionStorage.setItem('hearth.admin.token', " + Seen.quote(e2e.hub().ownerToken) + ")");
      tab.navigate(e2e.hub().origin() + "/");
      tab.await("location.pathname", "/admin/"::equals, Seen.WAIT);
    }
    try (BrowserPage tab = ScreenSize.DISPLAY.open(e2e)) {
      String camera = e2e.hub().addCamera("Home cam", "rtsp://127.0.0.1:9/cam");
      new DisplayPage(tab).pair(e2e.hub().origin(), e2e.hub(), "Home test", camera);
      tab.navigate(e2e.hub().origin() + "/");
      tab.await("location.pathname", "/display/"::equals, Seen.WAIT);
    }
  }

  @Test
  void theIconIsServedAsSvgAtBothAddresses() throws Exception {
    for (String path : new String[] {"/favicon.ico", "/favicon.svg"}) {
      HttpResponse<String> icon = e2e.hub().call("GET", path, null);
      assertEquals(200, icon.statusCode(), path);
      assertEquals("image/svg+xml", icon.headers().firstValue("Content-Type").orElse(""), path);
      assertTrue(icon.body().startsWith("<svg"), path);
    }
  }
}
