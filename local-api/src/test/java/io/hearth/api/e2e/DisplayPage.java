package io.hearth.api.e2e;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/** The display page in a browser tab, as a test sees it: through window.hearthDisplay. */
final class DisplayPage {
  private static final String CODE = "[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}";

  private final BrowserPage page;

  DisplayPage(BrowserPage page) {
    this.page = page;
  }

  BrowserPage browser() {
    return page;
  }

  /**
   * Opens the page at {@code origin}, waits for its pairing code, approves it as the owner for
   * {@code cameras}, and waits until the page shows its cameras. Returns the display's id.
   */
  String pair(String origin, E2eHub hub, String name, String... cameras) throws Exception {
    return pair(origin, hub, name, false, cameras);
  }

  /** As above; {@code remote}: the grants also work from away (through the relay). */
  String pair(String origin, E2eHub hub, String name, boolean remote, String... cameras)
      throws Exception {
    page.navigate(origin + "/display/");
    String code =
        (String)
            page.await(
                "window.hearthDisplay && window.hearthDisplay.userCode",
                v -> v instanceof String && ((String) v).matches(CODE),
                Duration.ofSeconds(15));
    hub.approve(code, name, remote, cameras);
    page.await("window.hearthDisplay.state", "viewing"::equals, Duration.ofSeconds(20));
    return displayId(hub, name);
  }

  private static String displayId(E2eHub hub, String name) throws Exception {
    JsonArray displays = hub.ok("GET", "/api/v1/displays", null).getJsonArray("displays");
    for (int i = 0; i < displays.size(); i++) {
      if (name.equals(displays.getJsonObject(i).getString("name"))) {
        return displays.getJsonObject(i).getString("id");
      }
    }
    throw new AssertionError("display " + name + " not paired: " + displays.encode());
  }

  /** The page's view of its tile for one camera. */
  JsonObject tile(String cameraId) throws Exception {
    String text =
        (String)
            page.eval(
                "JSON.stringify(window.hearthDisplay.tiles.find(t => t.cameraId === '"
                    + cameraId
                    + "') || null)");
    return "null".equals(text) ? null : new JsonObject(text);
  }

  /** Waits until the tile is live and has shown a frame (a decoded picture with a size). */
  JsonObject awaitPicture(String cameraId, Duration timeout) throws Exception {
    JsonObject[] last = {null};
    try {
      return Eventually.value(
          timeout,
          "a picture from " + cameraId,
          () -> {
            JsonObject tile = last[0] = tile(cameraId);
            boolean shown =
                tile != null
                    && tile.getInteger("videoWidth", 0) > 0
                    && tile.getInteger("framesShown") > 0;
            return shown ? tile : null;
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          "no picture from " + cameraId + ": " + last[0] + "\n" + page.console());
    }
  }

  /** Clicks the tile (or presses a key) and tells whether it then covers the whole viewport. */
  boolean coversViewportAfter(String cameraId, String action) throws Exception {
    return Boolean.TRUE.equals(
        page.eval(
            "(async () => { const t = document.querySelector('[data-camera-id=\""
                + cameraId
                + "\"]'); "
                + action
                + "; await new Promise(r => requestAnimationFrame(r));"
                + " const r = t.getBoundingClientRect();"
                + " return r.width === innerWidth && r.height === innerHeight; })()"));
  }

  /** True if the tile's "a chunk failed verification" badge is on screen. */
  boolean badgeVisible(String cameraId) throws Exception {
    return Boolean.TRUE.equals(
        page.eval(
            "(() => { const b = document.querySelector('[data-camera-id=\""
                + cameraId
                + "\"] .badge'); return !!b && !b.hidden && b.offsetHeight > 0"
                + " && b.textContent.includes('failed verification'); })()"));
  }

  /** The colour {r, g, b} at the middle of a camera's video, drawn onto a scratch canvas. */
  JsonObject middlePixel(String cameraId) throws Exception {
    String text =
        (String)
            page.eval(
                "(() => { const v = document.querySelector('[data-camera-id=\""
                    + cameraId
                    + "\"] video'); const c = document.createElement('canvas');"
                    + " c.width = v.videoWidth; c.height = v.videoHeight;"
                    + " const g = c.getContext('2d'); g.drawImage(v, 0, 0);"
                    + " const d = g.getImageData(c.width / 2, c.height / 2, 1, 1).data;"
                    + " return JSON.stringify({r: d[0], g: d[1], b: d[2]}); })()");
    return new JsonObject(text);
  }
}
