package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.MovingCameras;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Camera events as people see them, in Chromium: two cameras whose pictures move on a schedule,
 * recorded on events. Ana (events on the yard, signed in with her password) opens the admin page's
 * Events: the yard's events with pictures that loaded, new ones appearing without a reload, a clip
 * that plays, the day filter; never a garden event. Bo (live video of the yard, no events) sees
 * none. A wall display granted the yard's events shows them in its strip and plays one full screen.
 * axe finds nothing serious on either page.
 */
@Timeout(180)
class CameraEventsPageTest {
  private static final Duration EVENT_WAIT = Duration.ofSeconds(60);
  private static final String PASSWORD = "a long family password";

  @RegisterExtension
  static final E2eFixture e2e =
      E2eFixture.withChromium()
          .requiring("ffmpeg", "ffmpeg")
          .withModules(
              dir -> List.of(new MovingCameras(H264TestClip.encodeMotion(dir))),
              "recording.segment-seconds=2",
              "recording.motion-hold-seconds=1",
              "recording.pre-roll-seconds=1",
              "recording.post-roll-seconds=1");

  static String yard;
  static String garden;

  @BeforeAll
  static void cameras() throws Exception {
    E2eHub hub = e2e.hub();
    yard = hub.addCamera("Yard", "h264motion://yard");
    garden = hub.addCamera("Garden", "h264motion://garden");
    for (String camera : List.of(yard, garden)) {
      hub.ok(
          "PUT",
          "/api/v1/cameras/" + camera + "/recording",
          new JsonObject().put("mode", "events"));
    }
    member("Ana", yard, "live", "events");
    member("Bo", yard, "live");
  }

  @Test
  void aMemberSeesHerCamerasEventsLiveWithPicturesAndPlaysAClip() throws Exception {
    awaitEvents(garden);
    try (BrowserPage browser = ScreenSize.PHONE.open(e2e)) {
      Seen tab = signIn(browser, "Ana", ScreenSize.PHONE);
      String cards = "#events-list li[data-camera=\"" + yard + "\"]";
      browser.await(
          "[...document.querySelectorAll("
              + Seen.quote(cards + " img")
              + ")]"
              + ".some(i => i.complete && i.naturalWidth > 0 && i.checkVisibility())",
          Boolean.TRUE::equals,
          EVENT_WAIT);
      tab.rendered(cards + " .event-kind", "Motion seen by the hub");
      tab.noMachineText();
      tab.shot("events-of-the-yard");
      assertEquals(0, count(browser, "#events-list li[data-camera=\"" + garden + "\"]"));

      // A new event appears by itself: the page is not reloaded (the marker survives).
      browser.eval(
          "window.stillThisPage = true; window.seenBefore = "
              + "[...document.querySelectorAll('#events-list li')].map(li => li.dataset.event)");
      browser.await(
          "window.stillThisPage && [...document.querySelectorAll('#events-list li')]"
              + ".some(li => !window.seenBefore.includes(li.dataset.event))",
          Boolean.TRUE::equals,
          EVENT_WAIT);
      assertEquals(0, count(browser, "#events-list li[data-camera=\"" + garden + "\"]"));
      assertTrue(
          Boolean.TRUE.equals(browser.eval("Array.isArray(window.seenBefore)")),
          "the page was reloaded");
      assertFalse(
          ((String) browser.eval("document.body.innerText")).contains("Garden"),
          "the camera Ana holds no grant on is named on her page");

      String played = playFirstFinished(browser);
      browser.await(
          "(() => { const v = document.querySelector('li[data-event=\""
              + played
              + "\"] video');"
              + " return v.videoWidth > 0 && v.currentTime > 0.5; })()",
          Boolean.TRUE::equals,
          Seen.WAIT);
      browser.eval(
          "document.querySelector('li[data-event=\""
              + played
              + "\"] video').scrollIntoView({block: 'center'})");
      tab.shot("clip-playing");
      List<String> found = AccessibilityTest.scan(browser, "events with a clip");
      assertEquals(List.of(), found);

      browser.eval(
          "document.getElementById('events-day').value = "
              + Seen.quote(LocalDate.now().minusDays(2).toString())
              + "; document.getElementById('events-filter').dispatchEvent(new Event('change'))");
      tab.rendered("#events-empty", "No events yet");
      assertEquals(0, count(browser, "#events-list li"));
      browser.eval(
          "document.getElementById('events-day').value = ''; document.getElementById("
              + "'events-camera').value = "
              + Seen.quote(yard)
              + "; document.getElementById('events-filter').dispatchEvent(new Event('change'))");
      browser.await(
          "document.querySelectorAll('#events-list li').length",
          v -> ((Number) v).intValue() > 0,
          Seen.WAIT);
      assertEquals(
          "Events,Recordings",
          browser.eval(
              "[...document.querySelectorAll('#nav a:not([hidden])')]"
                  + ".map(a => a.textContent).join(',')"),
          "a member sees Events and Recordings only");
    }
  }

  @Test
  void aMemberWithoutAnEventsGrantSeesNoEvent() throws Exception {
    awaitEvents(yard);
    try (BrowserPage browser = ScreenSize.DESKTOP.open(e2e)) {
      Seen tab = signIn(browser, "Bo", ScreenSize.DESKTOP);
      tab.rendered("#events-empty", "No events yet");
      int before = events(yard).size();
      Eventually.value(
          EVENT_WAIT, "a later yard event", () -> events(yard).size() > before ? 1 : null);
      // The page reads the list again within 3.3 s of a feed entry: watch it for longer.
      Eventually.throughout(
          Duration.ofSeconds(5),
          "no event card for Bo",
          () -> {
            try {
              return count(browser, "#events-list li") == 0;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
      tab.shot("no-events-without-a-grant");
    }
  }

  @Test
  void aDisplayShowsItsEventsAndPlaysOneFullScreen() throws Exception {
    awaitEvents(garden);
    try (BrowserPage browser = ScreenSize.DISPLAY.open(e2e)) {
      DisplayPage display = new DisplayPage(browser);
      String id = e2e.pair(display, "Porch", yard, garden);
      e2e.hub().grant("display", id, yard, "live", "events");
      JsonArray shown =
          new JsonArray(
              (String)
                  browser.await(
                      "JSON.stringify(window.hearthDisplay.timeline.events)",
                      v ->
                          new JsonArray((String) v)
                              .stream()
                                  .anyMatch(e -> ((JsonObject) e).getInteger("thumbnailWidth") > 0),
                      EVENT_WAIT));
      for (Object e : shown) {
        assertEquals(yard, ((JsonObject) e).getString("cameraId"), "an event without a grant");
      }
      Seen tab = new Seen(browser, ScreenSize.DISPLAY.shots().resolve("events"));
      tab.shot("display-timeline");
      assertFalse(tab.layout().getBoolean("overflow"), "wider than the screen");
      browser.eval(
          "document.querySelector('#timeline-list li[data-event-id=\""
              + finishedEvent(shown)
              + "\"] button').click()");
      JsonObject clip =
          new JsonObject(
              (String)
                  browser.await(
                      "JSON.stringify(window.hearthDisplay.timeline.clip)",
                      v -> {
                        JsonObject c = new JsonObject((String) v);
                        return c.getDouble("currentTime", 0.0) > 0.5
                            && c.getInteger("videoWidth", 0) > 0;
                      },
                      Seen.WAIT));
      assertEquals(320, clip.getInteger("videoWidth"));
      assertTrue(
          Boolean.TRUE.equals(
              browser.eval(
                  "(() => { const r = document.getElementById('clip').getBoundingClientRect();"
                      + " return r.width === innerWidth && r.height === innerHeight; })()")),
          "the clip plays full screen");
      tab.shot("display-clip-full-screen");
      assertEquals(List.of(), AccessibilityTest.scan(browser, "display clip"));
      browser.eval("document.getElementById('clip-close').click()");
      assertEquals(List.of(), AccessibilityTest.scan(browser, "display timeline"));
    }
  }

  /** Signs in at /signin/ with the password, as a person does; the admin page opens on Events. */
  private static Seen signIn(BrowserPage browser, String name, ScreenSize size) throws Exception {
    Seen tab = new Seen(browser, size.shots().resolve("events-" + name.toLowerCase()));
    browser.navigate(e2e.hub().origin() + "/signin/");
    // Module scripts run before the load event: then the form's handler is in place.
    browser.await(
        "location.pathname === '/signin/' && document.readyState === 'complete'",
        Boolean.TRUE::equals,
        Seen.WAIT);
    tab.fill("name", name, "password", PASSWORD);
    browser.eval("document.getElementById('password-form').requestSubmit()");
    try {
      browser.await(
          "location.pathname === '/admin/' && !!document.getElementById('console')"
              + " && !document.getElementById('console').hidden",
          Boolean.TRUE::equals,
          Seen.WAIT);
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "\nat "
              + browser.eval("location.href + '\\n' + document.body.innerText"),
          e);
    }
    tab.rendered("#events-h", "Events");
    return tab;
  }

  private static String playFirstFinished(BrowserPage browser) throws Exception {
    return (String)
        browser.eval(
            "(() => { const li = [...document.querySelectorAll('#events-list li')].find(li =>"
                + " li.querySelector('.event-length').textContent !== 'Still going');"
                + " li.querySelector('button').click(); return li.dataset.event; })()");
  }

  private static String finishedEvent(JsonArray shown) throws Exception {
    JsonArray all = events(yard);
    for (Object o : all) {
      JsonObject e = (JsonObject) o;
      boolean onScreen =
          shown.stream().anyMatch(s -> ((JsonObject) s).getString("id").equals(e.getString("id")));
      if (onScreen && e.getString("ended_at") != null) {
        return e.getString("id");
      }
    }
    throw new AssertionError("no finished event on the display: " + shown.encode());
  }

  private static int count(BrowserPage browser, String selector) throws Exception {
    return ((Number) browser.eval("document.querySelectorAll(" + Seen.quote(selector) + ").length"))
        .intValue();
  }

  private static JsonArray events(String camera) throws Exception {
    return e2e.hub()
        .ok("GET", "/api/v1/cameras/" + camera + "/events", null)
        .getJsonArray("events");
  }

  /** Waits until the camera has a finished event with its thumbnail. */
  private static void awaitEvents(String camera) throws Exception {
    Eventually.value(
        EVENT_WAIT,
        "a finished event of " + camera,
        () -> {
          for (Object o : events(camera)) {
            JsonObject e = (JsonObject) o;
            if (e.getString("ended_at") != null && e.getBoolean("thumbnail")) {
              return e;
            }
          }
          return null;
        });
  }

  private static void member(String name, String camera, String... scopes) throws Exception {
    E2eHub hub = e2e.hub();
    String id =
        hub.ok("POST", "/api/v1/members", new JsonObject().put("name", name).put("role", "adult"))
            .getString("id");
    hub.ok(
        "PUT", "/api/v1/members/" + id + "/password", new JsonObject().put("password", PASSWORD));
    hub.ok(
        "POST",
        "/api/v1/grants",
        new JsonObject()
            .put("principal_kind", "member")
            .put("principal_id", id)
            .put("camera_id", camera)
            .put("scopes", new JsonArray(List.of((Object[]) scopes))));
  }
}
