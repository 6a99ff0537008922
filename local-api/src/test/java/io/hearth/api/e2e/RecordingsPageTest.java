package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.MovingCameras;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recordings by day, in Chromium: a camera recorded continuously, with a pause. Ana (events on the
 * porch, signed in with her own token) opens Recordings: today's two stretches in words and on the
 * day's bar; "Play from" plays the first, a time typed in plays from inside the second, and "Play
 * on" appears when a part ends while recording goes on; another day says nothing was recorded. Bo
 * (live video only) is told he may not see the recordings and sees none. axe finds nothing serious.
 */
@Timeout(180)
class RecordingsPageTest {
  @RegisterExtension
  static final E2eFixture e2e =
      E2eFixture.withChromium()
          .requiring("ffmpeg", "ffmpeg")
          .withModules(
              dir -> List.of(new MovingCameras(H264TestClip.encodeMotion(dir))),
              "recording.segment-seconds=2");

  static String porch;
  static String ana;
  static String bo;
  static JsonArray spans;

  @BeforeAll
  static void recorded() throws Exception {
    E2eHub hub = e2e.hub();
    porch = hub.addCamera("Porch", "h264motion://porch");
    ana = memberToken("Ana", "live", "events");
    bo = memberToken("Bo", "live");
    record(true);
    awaitSpans(1, 3);
    record(false);
    Thread.sleep(5_000); // a pause: the next recording is another stretch
    record(true); // and recording goes on: the second stretch grows while the tests run
    spans = awaitSpans(2, 2);
  }

  @Test
  void aMemberSeesTheDaysStretchesAndPlaysFromAStretchAndFromATime() throws Exception {
    try (BrowserPage browser = ScreenSize.PHONE.open(e2e)) {
      Seen tab = signIn(browser, ana);
      browser.await(
          "document.querySelectorAll('#recordings-spans li').length",
          v -> ((Number) v).intValue() >= 2,
          Seen.WAIT);
      String first =
          (String) browser.eval("document.querySelector('#recordings-spans li').innerText");
      assertTrue(first.matches("(?s).+ to .+\\(\\d+ (s|min)\\)\\s*Play from .+"), first);
      assertEquals(
          Boolean.TRUE,
          browser.eval(
              "[...document.querySelectorAll('#recordings-bar .recorded')]"
                  + ".every(b => b.getBoundingClientRect().width > 0)"
                  + " && document.querySelectorAll('#recordings-bar .recorded').length >= 2"),
          "each stretch has its block on the day's bar");
      tab.noMachineText();

      browser.eval("document.querySelector('#recordings-spans li button').click()");
      awaitPlaying(browser, "");
      tab.shot("recording-playing");
      assertEquals(List.of(), AccessibilityTest.scan(browser, "recordings playing"));

      // From a time inside the second stretch, typed in.
      Instant inSecond =
          Instant.parse(spans.getJsonObject(1).getString("started_at")).plusSeconds(1);
      String time =
          LocalTime.ofInstant(inSecond, ZoneId.systemDefault())
              .format(DateTimeFormatter.ofPattern("HH:mm:ss"));
      String before = (String) browser.eval("document.getElementById('recordings-video').src");
      browser.eval(
          "document.getElementById('recordings-video').pause();"
              + " document.getElementById('recordings-time').value = "
              + Seen.quote(time)
              + "; document.getElementById('recordings-play').requestSubmit()");
      browser.await(
          "document.getElementById('recordings-state').textContent",
          v -> ((String) v).startsWith("Opening the recording from"),
          Seen.WAIT);
      awaitPlaying(browser, before);
      // The stretch still grows (recording goes on): when this part ends, the page offers more.
      browser.await(
          "!document.getElementById('recordings-next').hidden",
          Boolean.TRUE::equals,
          Duration.ofSeconds(120));
      String next = (String) browser.eval("document.getElementById('recordings-next').textContent");
      assertTrue(next.startsWith("Play on from "), next);

      browser.eval(
          "document.getElementById('recordings-day').value = "
              + Seen.quote(LocalDate.now().minusDays(2).toString())
              + "; document.getElementById('recordings-filter')"
              + ".dispatchEvent(new Event('change'))");
      tab.rendered("#recordings-empty", "Nothing was recorded on this day");
      assertEquals(0, spanCount(browser));
    }
  }

  @Test
  void aMemberWithoutTheEventsGrantSeesNoRecordings() throws Exception {
    try (BrowserPage browser = ScreenSize.DESKTOP.open(e2e)) {
      Seen tab = signIn(browser, bo);
      tab.rendered("#recordings-error", "You may not see this camera's recordings");
      assertEquals(0, spanCount(browser));
    }
  }

  private static Seen signIn(BrowserPage browser, String token) throws Exception {
    browser.navigate(e2e.hub().origin() + "/admin/#recordings");
    browser.await("!document.getElementById('sign-in').hidden", Boolean.TRUE::equals, Seen.WAIT);
    browser.eval(
        "document.getElementById('token').value = "
            + Seen.quote(token)
            + "; document.getElementById('sign-in').requestSubmit()");
    browser.await(
        "document.getElementById('sec-recordings').checkVisibility()",
        Boolean.TRUE::equals,
        Seen.WAIT);
    return new Seen(browser, ScreenSize.PHONE.shots());
  }

  private static int spanCount(BrowserPage browser) throws Exception {
    return ((Number) browser.eval("document.querySelectorAll('#recordings-spans li').length"))
        .intValue();
  }

  /** The video plays a new recording (its source is not {@code before}), past its start. */
  private static void awaitPlaying(BrowserPage browser, String before) throws Exception {
    browser.await(
        "(() => { const v = document.getElementById('recordings-video');"
            + " return v.src !== "
            + Seen.quote(before)
            + " && v.videoWidth > 0 && v.currentTime > 0.3; })()",
        Boolean.TRUE::equals,
        Seen.WAIT);
  }

  private static void record(boolean on) throws Exception {
    e2e.hub()
        .ok(
            "PUT",
            "/api/v1/cameras/" + porch + "/recording",
            new JsonObject().put("mode", on ? "continuous" : "off"));
  }

  /** Today's spans once there are {@code count} and the last holds {@code segments} or more. */
  private static JsonArray awaitSpans(int count, int segments) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(60),
        count + " stretches recorded",
        () -> {
          JsonArray found =
              e2e.hub()
                  .ok("GET", "/api/v1/cameras/" + porch + "/recordings/spans?from=0", null)
                  .getJsonArray("spans");
          return found.size() >= count
                  && found.getJsonObject(found.size() - 1).getInteger("segments") >= segments
              ? found
              : null;
        });
  }

  /** An adult with {@code scopes} on the porch; their own API token. */
  private static String memberToken(String name, String... scopes) throws Exception {
    E2eHub hub = e2e.hub();
    String id =
        hub.ok("POST", "/api/v1/members", new JsonObject().put("name", name).put("role", "adult"))
            .getString("id");
    hub.grant("member", id, porch, scopes);
    return hub.ok("POST", "/api/v1/tokens", new JsonObject().put("name", name).put("member_id", id))
        .getString("secret");
  }
}
