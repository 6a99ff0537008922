package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.CameraEventRows;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paging back through what happened, in Chromium. A week of yard events (130, in groups that start
 * in the same millisecond, so page boundaries fall inside a group) and the garden's at the same
 * times: in the admin's Events, at each screen size, "Show older events" (pressed with the
 * keyboard) adds the rest under the first 100, then says "No older events."; a new event still
 * arrives at the top. On a wall display granted the yard's events, "Older events" walks the strip
 * back 30 at a time to the first event, never showing a garden event, and the feed still brings new
 * ones. axe finds nothing serious. And Activity is read again when it is opened: a person removed
 * in People, or by another client meanwhile, is in the log without a reload.
 */
@Timeout(180)
class EventPagingPageTest {
  private static final int YARD_EVENTS = 130;
  private static final int GROUP = 7; // events per start time: 100 and 30 fall inside a group
  private static final long HOUR = 3_600_000L;

  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  static String yard;
  static String garden;

  @BeforeAll
  static void aWeekOfEvents() throws Exception {
    E2eHub hub = e2e.hub();
    yard = hub.addCamera("Yard", "rtsp://127.0.0.1:9/yard");
    garden = hub.addCamera("Garden", "rtsp://127.0.0.1:9/garden");
    long start = System.currentTimeMillis() - 6 * 24 * HOUR;
    for (int made = 0; made < YARD_EVENTS; made += GROUP) {
      long at = start + made * HOUR;
      CameraEventRows.insert(hub.hub, yard, at, Math.min(GROUP, YARD_EVENTS - made));
      CameraEventRows.insert(hub.hub, garden, at, 2);
    }
  }

  @Test
  void theAdminShowsOlderEventsUnderTheListAtEverySize() throws Exception {
    // One tab for the three sizes: a run with a tab per size once met the hub's limit of 64
    // connections from one address (a closed tab's browser context is not disposed, so its idle
    // connections may linger until the hub closes them).
    try (BrowserPage tab = ScreenSize.DESKTOP.open(e2e)) {
      ownerAdmin(tab, ScreenSize.DESKTOP, "events");
      for (ScreenSize size : ScreenSize.values()) {
        tab.emulate(size.width, size.height, size.mobile);
        // A page load of its own (another query, not only another #hash); the tab keeps the token.
        tab.navigate(e2e.hub().origin() + "/admin/?at=" + size + "#events");
        Seen admin = new Seen(tab, size.shots().resolve("paging-events"));
        int older = yardIds().size() - 100; // other tests add new events
        showYardOnly(tab);
        admin.rendered("#events-older", "Show older events");
        assertEquals(yardIds().subList(0, 100), shown(tab, "#events-list li", "event"));

        pressEnterOn(tab, "events-older");
        admin.inView("#events-older-note", "No older events.");
        assertEquals(yardIds(), shown(tab, "#events-list li", "event"), "a page repeated or lost");
        assertTrue(Boolean.TRUE.equals(tab.eval("document.getElementById('events-older').hidden")));
        assertEquals(
            "events-older-note",
            tab.eval("document.activeElement.id"),
            "focus stays where the button was");
        admin.rendered("#events-older-state", older + " older events added.");
        admin.shot("older-events-added");
        assertEquals(List.of(), AccessibilityTest.scan(tab, "events paged back " + size));
      }
    }
  }

  @Test
  void theAdminKeepsOlderPagesWhenANewEventArrives() throws Exception {
    try (BrowserPage tab = ScreenSize.DESKTOP.open(e2e)) {
      Seen admin = ownerAdmin(tab, ScreenSize.DESKTOP, "events");
      showYardOnly(tab);
      admin.rendered("#events-older", "Show older events");
      tab.eval("document.getElementById('events-older').click()");
      admin.rendered("#events-older-note", "No older events.");
      String fresh = newYardEvent();
      tab.await(
          "document.querySelector('#events-list li').dataset.event", fresh::equals, Seen.WAIT);
      List<String> all = yardIds();
      assertEquals(all, shown(tab, "#events-list li", "event"), "older pages dropped");
    }
  }

  @Test
  void aDisplayWalksItsStripBackToTheFirstEvent() throws Exception {
    try (BrowserPage tab = ScreenSize.DISPLAY.open(e2e)) {
      DisplayPage display = new DisplayPage(tab);
      String id = e2e.pair(display, "Porch", yard, garden);
      e2e.hub().grant("display", id, yard, "live", "events");
      Seen seen = new Seen(tab, ScreenSize.DISPLAY.shots().resolve("older-events"));
      // The display reads its cameras and events again every 15 s: the new grant shows by then.
      tab.await(
          "window.hearthDisplay.timeline.events.length",
          v -> ((Number) v).intValue() == 30,
          java.time.Duration.ofSeconds(40));
      seen.inView("#timeline-older", "Older events");
      assertTrue(
          Boolean.TRUE.equals(
              tab.eval(
                  "document.getElementById('timeline-older').getBoundingClientRect().height"
                      + " >= 48")),
          "the Older button is a large target");
      List<String> all = yardIds();
      for (int expected = 60; ; expected = Math.min(expected + 30, all.size())) {
        pressEnterOn(tab, "timeline-older");
        int want = expected;
        tab.await(
            "document.querySelectorAll('#timeline-list li').length",
            v -> ((Number) v).intValue() == want,
            Seen.WAIT);
        if (expected == all.size()) {
          break;
        }
      }
      seen.inView("#timeline-end", "No older events.");
      assertEquals(all, shown(tab, "#timeline-list li", "eventId"));
      assertFalse(
          Boolean.TRUE.equals(tab.eval("window.hearthDisplay.timeline.hasOlder")),
          "more announced after the first event");
      assertFalse(seen.layout().getBoolean("overflow"), "wider than the screen");
      seen.shot("strip-at-the-first-event");
      assertEquals(List.of(), AccessibilityTest.scan(tab, "display strip paged back"));

      String fresh = newYardEvent();
      tab.await(
          "document.querySelector('#timeline-list li').dataset.eventId", fresh::equals, Seen.WAIT);
      assertEquals(yardIds(), shown(tab, "#timeline-list li", "eventId"), "older pages dropped");
    }
  }

  @Test
  void activityIsReadAgainWhenItIsOpened() throws Exception {
    E2eHub hub = e2e.hub();
    hub.ok("POST", "/api/v1/members", new JsonObject().put("name", "Cleo").put("role", "guest"));
    try (BrowserPage tab = ScreenSize.PHONE.open(e2e)) {
      Seen admin = ownerAdmin(tab, ScreenSize.PHONE, "activity");
      admin.inView("#audit-list li", "added the person Cleo.");
      tab.eval("window.stillThisPage = true; location.hash = '#people'");
      admin.press("Remove Cleo");
      admin.press("Press again to remove Cleo");
      admin.inView(".feedback", "Removed Cleo.");
      tab.eval("location.hash = '#activity'");
      admin.inView("#audit-list li", "removed the person Cleo.");

      // Changed by another client while the page stays open elsewhere: read when opened again.
      tab.eval("location.hash = '#people'");
      String dara =
          hub.ok(
                  "POST",
                  "/api/v1/members",
                  new JsonObject().put("name", "Dara").put("role", "guest"))
              .getString("id");
      assertEquals(204, hub.call("DELETE", "/api/v1/members/" + dara, null).statusCode());
      tab.eval("location.hash = '#activity'");
      admin.inView("#audit-list li", "removed the person Dara.");
      assertEquals(Boolean.TRUE, tab.eval("window.stillThisPage"), "the page was reloaded");
      admin.shot("activity-read-again");
    }
  }

  /** The owner's admin page at {@code #section}, signed in with the owner token. */
  private static Seen ownerAdmin(BrowserPage tab, ScreenSize size, String section)
      throws Exception {
    return new Seen(tab, size.shots().resolve("paging-" + section)).ownerAdmin(e2e.hub(), section);
  }

  /** Chooses the yard in the camera filter (the owner sees every camera's events). */
  private static void showYardOnly(BrowserPage tab) throws Exception {
    tab.await(
        "[...document.querySelectorAll('#events-camera option')].some(o => o.value === "
            + Seen.quote(yard)
            + ")",
        Boolean.TRUE::equals,
        Seen.WAIT);
    tab.eval(
        "document.getElementById('events-camera').value = "
            + Seen.quote(yard)
            + "; document.getElementById('events-filter').dispatchEvent(new Event('change'))");
    String newest = yardIds().get(0);
    tab.await(
        "[...document.querySelectorAll('#events-list li')].every(li => li.dataset.camera === "
            + Seen.quote(yard)
            + ") && document.querySelectorAll('#events-list li').length === 100"
            + " && document.querySelector('#events-list li').dataset.event",
        newest::equals,
        Seen.WAIT);
  }

  /** Focuses the button and presses Enter on it, as a keyboard or a TV remote does. */
  private static void pressEnterOn(BrowserPage tab, String id) throws Exception {
    tab.eval("document.getElementById(" + Seen.quote(id) + ").focus()");
    for (String type : List.of("keyDown", "keyUp")) {
      JsonObject key =
          new JsonObject()
              .put("type", type)
              .put("key", "Enter")
              .put("code", "Enter")
              .put("windowsVirtualKeyCode", 13);
      tab.send("Input.dispatchKeyEvent", type.equals("keyDown") ? key.put("text", "\r") : key);
    }
  }

  /** A yard event starting now, stored and announced on the feed as the recorder does. */
  private static String newYardEvent() throws Exception {
    long now = System.currentTimeMillis();
    String id = CameraEventRows.insert(e2e.hub().hub, yard, now, 1).get(0);
    CameraEventRows.announce(e2e.hub().hub, yard, id, now);
    return id;
  }

  /** Every yard event's id, newest first, as the hub pages them (the owner's view). */
  private static List<String> yardIds() throws Exception {
    List<String> ids = new ArrayList<>();
    JsonObject page = e2e.hub().ok("GET", "/api/v1/cameras/" + yard + "/events?limit=500", null);
    assertFalse(page.getBoolean("has_more"));
    page.getJsonArray("events").forEach(e -> ids.add(((JsonObject) e).getString("id")));
    return ids;
  }

  private static List<String> shown(BrowserPage tab, String selector, String key) throws Exception {
    JsonArray ids =
        new JsonArray(
            (String)
                tab.eval(
                    "JSON.stringify([...document.querySelectorAll("
                        + Seen.quote(selector)
                        + ")].map(li => li.dataset."
                        + key
                        + "))"));
    return ids.stream().map(String.class::cast).toList();
  }
}
