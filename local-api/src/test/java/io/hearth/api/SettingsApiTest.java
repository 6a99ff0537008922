package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.recording.RecordingSettings;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's settings against a real hub: read with their sources, changed (retention at once, the
 * rest at the next start), refused in words when wrong, refused to everyone but the owner, audited,
 * and kept across a restart. {@code recording.post-roll-seconds} is given on the command line here,
 * so the app must not be able to change it.
 */
@Timeout(120)
class SettingsApiTest {
  static final String PATH = "/api/v1/settings";
  static final String PASSWORD = "a long family password";

  @RegisterExtension static final TestHub hub = TestHub.perClass("recording.post-roll-seconds=7");

  static String ownerCookie;

  @BeforeAll
  static void setUp() throws Exception {
    ownerCookie = hub.setUpOwner(PASSWORD);
  }

  static JsonObject setting(HttpResponse<String> answer, String name) {
    assertEquals(200, answer.statusCode(), answer.body());
    JsonArray all = new JsonObject(answer.body()).getJsonArray("settings");
    for (int i = 0; i < all.size(); i++) {
      if (all.getJsonObject(i).getString("name").equals(name)) {
        return all.getJsonObject(i);
      }
    }
    return null;
  }

  static HttpResponse<String> change(TestHub on, String token, JsonObject body) throws Exception {
    return on.patch(PATH, token, body.encode());
  }

  @Test
  void theOwnerReadsEachSettingWithWhereItsValueComesFrom() throws Exception {
    HttpResponse<String> all = hub.get(PATH, ownerCookie);
    JsonObject disk = setting(all, "recording.disk-percent");
    assertEquals(50, disk.getInteger("value"));
    assertEquals("default", disk.getString("source"));
    assertEquals("at_once", disk.getString("applies"));
    assertEquals(1, disk.getInteger("min"));
    assertEquals(90, disk.getInteger("max"));
    assertTrue(disk.getBoolean("editable"));
    JsonObject post = setting(all, "recording.post-roll-seconds");
    assertEquals(7, post.getInteger("value"));
    assertEquals("command_line", post.getString("source"));
    assertFalse(post.getBoolean("editable"));
    assertNull(setting(all, "mdns.enabled"), "no mDNS module in this hub, so no such setting");
    assertNull(setting(all, "api.port"), "ports are not the app's to change");
    assertEquals("private, no-store", all.headers().firstValue("Cache-Control").orElse(null));
  }

  @Test
  void aShorterEventHistoryAppliesAtOnceAndDeletesOlderEvents() throws Exception {
    var devices = hub.hub.context().devices();
    SensorDevice sensor =
        get(devices.ensure("mqtt", "z2m:hall", "Hall", Set.of(Capability.TEMPERATURE)));
    long threeDaysAgo = System.currentTimeMillis() - Duration.ofDays(3).toMillis();
    devices.report(sensor.id(), Capability.TEMPERATURE, 19.5, threeDaysAgo);
    get(devices.events().flush());
    String history = "/api/v1/devices/" + sensor.id() + "/history?from=2020-01-01T00:00:00Z";
    assertEquals(1, events(history), "the old reading is kept under the default 30 days");

    HttpResponse<String> changed =
        change(hub, hub.ownerToken, new JsonObject().put("hub.events-retention-days", 2));
    JsonObject days = setting(changed, "hub.events-retention-days");
    assertEquals(2, days.getInteger("value"));
    assertEquals("app", days.getString("source"));
    assertEquals(30, days.getInteger("file_value"));
    assertFalse(days.getBoolean("restart_required"), changed.body());
    Eventually.check(
        Duration.ofSeconds(10),
        "the 3-day-old reading deleted once 2 days are kept",
        () -> events(history) == 0);
  }

  @Test
  void recordingRetentionReachesTheRecordingsAtOnce() throws Exception {
    assertEquals(Duration.ofDays(7).toMillis(), hub.hub.context().recordings().maxAgeMillis());
    HttpResponse<String> changed =
        change(hub, ownerCookie, new JsonObject().put("recording.retention-days", 3));
    assertEquals(3, setting(changed, "recording.retention-days").getInteger("value"));
    assertEquals(Duration.ofDays(3).toMillis(), hub.hub.context().recordings().maxAgeMillis());
  }

  @Test
  void aRestartSettingIsSavedAndSaysItWaitsForTheRestart() throws Exception {
    HttpResponse<String> changed =
        change(hub, hub.ownerToken, new JsonObject().put("recording.pre-roll-seconds", 9));
    JsonObject pre = setting(changed, "recording.pre-roll-seconds");
    assertEquals(9, pre.getInteger("value"));
    assertEquals("restart", pre.getString("applies"));
    assertTrue(pre.getBoolean("restart_required"), changed.body());
    assertEquals(5, hub.hub.context().config(RecordingSettings.PRE_ROLL_SECONDS));
    JsonObject back =
        setting(
            change(hub, hub.ownerToken, new JsonObject().putNull("recording.pre-roll-seconds")),
            "recording.pre-roll-seconds");
    assertEquals(5, back.getInteger("value"), "null returns to the file's value");
    assertEquals("default", back.getString("source"));
    assertFalse(back.getBoolean("restart_required"));
  }

  @Test
  void wrongValuesAreRefusedInWordsAndNothingIsSaved() throws Exception {
    HttpResponse<String> range =
        change(
            hub,
            hub.ownerToken,
            new JsonObject()
                .put("recording.disk-percent", 95)
                .put("recording.motion-threshold", 9));
    assertError(range, 400, "invalid_setting");
    String message = new JsonObject(range.body()).getString("message");
    assertTrue(message.contains("Most of the disk recordings may use (percent)"), message);
    assertTrue(message.contains("from 1 to 90, got 95"), message);
    assertTrue(message.contains("Nothing was saved"), message);
    JsonObject motion = setting(hub.get(PATH, hub.ownerToken), "recording.motion-threshold");
    assertEquals(6, motion.getInteger("value"), "the valid half was not saved either");

    HttpResponse<String> text =
        change(hub, hub.ownerToken, new JsonObject().put("recording.disk-percent", "lots"));
    assertError(text, 400, "invalid_setting");
    assertTrue(text.body().contains("expected a whole number from 1 to 90"), text.body());
    HttpResponse<String> port = change(hub, hub.ownerToken, new JsonObject().put("api.port", 1));
    assertError(port, 400, "invalid_setting");
    assertTrue(port.body().contains("not a setting the app can change"), port.body());
    assertError(change(hub, hub.ownerToken, new JsonObject()), 400, "bad_request");
    assertError(hub.patch(PATH, hub.ownerToken, "[1]"), 400, "bad_request");

    HttpResponse<String> locked =
        change(hub, hub.ownerToken, new JsonObject().put("recording.post-roll-seconds", 3));
    assertError(locked, 409, "setting_locked");
    assertTrue(
        locked.body().contains("command line (--set) where the hub is started"), locked.body());
  }

  @Test
  void onlyTheOwnerChangesSettingsAndOnlyMembersWhoAreNotGuestsReadThem() throws Exception {
    JsonObject body = new JsonObject().put("recording.disk-percent", 40);
    String adult = member("Ada", "adult");
    String adultToken = token(adult);
    assertEquals(200, hub.get(PATH, adultToken).statusCode());
    assertError(change(hub, adultToken, body), 403, "forbidden");
    setPassword(adult);
    String adultCookie = cookieOf("Ada");
    assertEquals(200, hub.get(PATH, adultCookie).statusCode());
    assertError(change(hub, adultCookie, body), 403, "forbidden");
    assertError(hub.get(PATH, token(member("Gus", "guest"))), 403, "forbidden");
    String camera = hub.addCamera("Porch", "test://porch/live");
    String display = hub.pairDisplay("Hall display", List.of(camera));
    assertError(hub.get(PATH, display), 403, "forbidden");
    assertError(change(hub, display, body), 403, "forbidden");
    assertError(hub.patch(PATH, null, body.encode()), 401, "missing_token");
    HttpResponse<String> noCsrf =
        hub.send(
            HttpRequest.newBuilder(hub.https(PATH))
                .header(
                    "Cookie",
                    "hearth_session="
                        + SigninCookieJar.session(ownerCookie)
                        + "; hearth_csrf="
                        + SigninCookieJar.csrf(ownerCookie))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.encode())));
    assertError(noCsrf, 403, "csrf_failed");
    assertEquals(
        50,
        setting(hub.get(PATH, hub.ownerToken), "recording.disk-percent").getInteger("value"),
        "no refused request changed the value");
  }

  @Test
  void everyChangeIsAuditedWithItsLabelAndBothValues() throws Exception {
    String me = new JsonObject(hub.get("/api/v1/me", ownerCookie).body()).getString("id");
    change(hub, ownerCookie, new JsonObject().put("recording.motion-threshold", 12));
    JsonArray entries =
        new JsonObject(hub.get("/api/v1/audit?limit=50", hub.ownerToken).body())
            .getJsonArray("entries");
    JsonObject entry = null;
    for (int i = 0; i < entries.size() && entry == null; i++) {
      JsonObject e = entries.getJsonObject(i);
      if ("setting.change".equals(e.getString("action"))
          && "recording.motion-threshold".equals(e.getString("target"))) {
        entry = e;
      }
    }
    assertTrue(entry != null, "no setting.change entry in " + entries.encode());
    assertTrue(entry.getString("actor").endsWith(me), entry.encode());
    Object detail = entry.getValue("detail");
    JsonObject d = detail instanceof JsonObject o ? o : new JsonObject(String.valueOf(detail));
    assertEquals("6", d.getString("from"));
    assertEquals("12", d.getString("to"));
    assertTrue(d.getString("name").startsWith("Motion sensitivity"), d.encode());
    change(hub, ownerCookie, new JsonObject().putNull("recording.motion-threshold"));
  }

  @Test
  void savedValuesSurviveARestartAndTheRestartAppliesThem(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (TestHub first = TestHub.start(data)) {
      HttpResponse<String> changed =
          change(
              first,
              first.ownerToken,
              new JsonObject()
                  .put("recording.motion-threshold", 11)
                  .put("recording.retention-days", 21));
      assertTrue(setting(changed, "recording.motion-threshold").getBoolean("restart_required"));
    }
    try (TestHub second = TestHub.start(data)) {
      HttpResponse<String> all = second.get(PATH, second.ownerToken);
      JsonObject motion = setting(all, "recording.motion-threshold");
      assertEquals(11, motion.getInteger("value"));
      assertEquals("app", motion.getString("source"));
      assertFalse(motion.getBoolean("restart_required"), all.body());
      assertEquals(11, second.hub.context().config(RecordingSettings.MOTION_THRESHOLD));
      assertEquals(
          Duration.ofDays(21).toMillis(), second.hub.context().recordings().maxAgeMillis());
    }
  }

  private static int events(String history) throws Exception {
    HttpResponse<String> answer = hub.get(history, hub.ownerToken);
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body()).getJsonArray("events").size();
  }

  private static String member(String name, String role) throws Exception {
    HttpResponse<String> made =
        hub.post(
            "/api/v1/members",
            hub.ownerToken,
            new JsonObject().put("name", name).put("role", role).encode());
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body()).getString("id");
  }

  private static String token(String memberId) throws Exception {
    HttpResponse<String> made =
        hub.post(
            "/api/v1/tokens",
            hub.ownerToken,
            new JsonObject().put("name", "t").put("member_id", memberId).encode());
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body()).getString("secret");
  }

  private static void setPassword(String memberId) throws Exception {
    hub.setPassword(memberId, PASSWORD, ownerCookie);
  }

  private static String cookieOf(String name) throws Exception {
    return hub.signedIn(name, PASSWORD);
  }
}
