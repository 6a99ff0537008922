package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.discovery.Sighting;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The discovery inbox through the API: listed at once, adopted only on request, a claimed move
 * followed only once the owner confirms it.
 */
@Timeout(60)
class DiscoveredApiTest {
  @TempDir Path dir;
  TestHub hub;

  @BeforeEach
  void start() throws Exception {
    hub = TestHub.start(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private Inbox inbox() {
    return hub.hub.context().inbox();
  }

  private static Sighting camera(String identity, String host) {
    return new Sighting(
        "mdns",
        identity,
        Sighting.CAMERA,
        "Porch cam",
        host + ":554",
        Map.of("stream_url", "test://" + host + "/live", "service", "_rtsp._tcp"),
        true);
  }

  private JsonArray listed(String query) throws Exception {
    HttpResponse<String> answer = hub.get("/api/v1/discovered" + query, hub.ownerToken);
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body()).getJsonArray("discovered");
  }

  @Test
  void aSightingIsListedAtOnceAndNothingIsAdoptedByItself() throws Exception {
    Discovered entry = inbox().report(camera("aa:bb:cc:00:00:01", "10.0.0.5"));
    JsonArray list = listed("");
    assertEquals(1, list.size());
    JsonObject shown = list.getJsonObject(0);
    assertEquals(entry.id(), shown.getString("id"));
    assertEquals("new", shown.getString("state"));
    assertEquals("10.0.0.5:554", shown.getString("address"));
    assertEquals("_rtsp._tcp", shown.getJsonObject("details").getString("service"));
    assertNull(shown.getString("adopted_id"));
    JsonArray cameras =
        new JsonObject(hub.get("/api/v1/cameras", hub.ownerToken).body()).getJsonArray("cameras");
    assertEquals(0, cameras.size(), "discovery must never create a camera by itself");

    // The same device again is the same entry, not a second one.
    inbox().report(camera("aa:bb:cc:00:00:01", "10.0.0.5"));
    assertEquals(1, listed("").size());
  }

  @Test
  void adoptionMakesACameraAndAClaimedMoveIsFollowedOnlyOnceTheOwnerConfirmsIt() throws Exception {
    Discovered entry = inbox().report(camera("aa:bb:cc:00:00:02", "10.0.0.6"));
    HttpResponse<String> adopted =
        hub.post(
            "/api/v1/discovered/" + entry.id() + "/adopt",
            hub.ownerToken,
            "{\"name\":\"Porch\",\"username\":\"admin\",\"password\":\"hunter2-secret\"}");
    assertEquals(201, adopted.statusCode(), adopted.body());
    assertFalse(adopted.body().contains("hunter2-secret"));
    String cameraId = new JsonObject(adopted.body()).getString("adopted_id");
    assertTrue(cameraId.startsWith("cam_"), adopted.body());
    JsonObject camera =
        new JsonObject(hub.get("/api/v1/cameras/" + cameraId, hub.ownerToken).body());
    assertEquals("Porch", camera.getString("name"));
    assertEquals("test://10.0.0.6/live", camera.getString("url"));
    assertTrue(camera.getBoolean("has_credentials"));

    assertError(
        hub.post("/api/v1/discovered/" + entry.id() + "/adopt", hub.ownerToken, ""),
        409,
        "conflict");

    // The same identity is announced at a new address: only a claim, nothing moves by itself.
    inbox().report(camera("aa:bb:cc:00:00:02", "10.0.0.77"));
    JsonObject claimed = awaitState(entry.id(), "moved");
    JsonObject move = claimed.getJsonObject("move");
    assertEquals("10.0.0.6:554", move.getString("from"));
    assertEquals("10.0.0.77:554", move.getString("to"));
    assertEquals("unverified", awaitCheck(entry.id(), "unverified").getString("check"));
    assertEquals("test://10.0.0.6/live", cameraUrl(cameraId), "moved on a claim alone");
    assertEquals(1, listed("").size());
    assertError(
        hub.post("/api/v1/discovered/" + entry.id() + "/adopt", hub.ownerToken, ""),
        409,
        "conflict");
    // Announcements from yet other addresses meanwhile are not new claims: one claim, one audit.
    inbox().report(camera("aa:bb:cc:00:00:02", "10.0.0.88"));
    inbox().report(camera("aa:bb:cc:00:00:02", "10.0.0.6"));
    inbox().report(camera("aa:bb:cc:00:00:02", "10.0.0.77"));
    assertEquals("10.0.0.77:554", awaitCheck(entry.id(), "unverified").getString("to"));
    assertAudited("discovery.move_unverified", entry.id());

    // The owner confirms it: the camera follows, and the entry is adopted at its new address.
    HttpResponse<String> confirmed =
        hub.post("/api/v1/discovered/" + entry.id() + "/confirm-move", hub.ownerToken, "");
    assertEquals(200, confirmed.statusCode(), confirmed.body());
    assertEquals("adopted", new JsonObject(confirmed.body()).getString("state"));
    assertEquals("10.0.0.77:554", new JsonObject(confirmed.body()).getString("address"));
    assertEquals("test://10.0.0.77/live", cameraUrl(cameraId));
    assertError(
        hub.post("/api/v1/discovered/" + entry.id() + "/confirm-move", hub.ownerToken, ""),
        409,
        "conflict");
    assertAudited("discovery.move_followed", entry.id());

    // Another device that claims the old address is a different entry and moves nothing.
    inbox().report(camera("aa:bb:cc:00:00:99", "10.0.0.6"));
    Eventually.throughout(
        Duration.ofMillis(300),
        "the camera stays",
        () -> "test://10.0.0.77/live".equals(cameraUrlOrNull(cameraId)));
    assertEquals("test://10.0.0.77/live", cameraUrl(cameraId));
  }

  @Test
  void aDeclinedMoveLeavesTheCameraAndIsNotClaimedAgain() throws Exception {
    Discovered entry = inbox().report(camera("aa:bb:cc:00:00:12", "10.0.0.12"));
    String cameraId =
        new JsonObject(
                hub.post("/api/v1/discovered/" + entry.id() + "/adopt", hub.ownerToken, "").body())
            .getString("adopted_id");
    inbox().report(camera("aa:bb:cc:00:00:12", "10.0.0.66"));
    awaitCheck(entry.id(), "unverified");
    String adult = adultToken();
    assertError(
        hub.post("/api/v1/discovered/" + entry.id() + "/confirm-move", adult, ""),
        403,
        "forbidden");
    assertError(
        hub.post("/api/v1/discovered/" + entry.id() + "/decline-move", adult, ""),
        403,
        "forbidden");

    HttpResponse<String> declined =
        hub.post("/api/v1/discovered/" + entry.id() + "/decline-move", hub.ownerToken, "");
    assertEquals(200, declined.statusCode(), declined.body());
    assertEquals("adopted", new JsonObject(declined.body()).getString("state"));
    assertEquals("10.0.0.12:554", new JsonObject(declined.body()).getString("address"));
    assertAudited("discovery.move_declined", entry.id());
    inbox().report(camera("aa:bb:cc:00:00:12", "10.0.0.66"));
    assertEquals(Discovered.ADOPTED, inbox().get(entry.id()).orElseThrow().state());
    assertEquals("test://10.0.0.12/live", cameraUrl(cameraId));
  }

  private String cameraUrlOrNull(String cameraId) {
    try {
      return cameraUrl(cameraId);
    } catch (Exception e) {
      return null;
    }
  }

  private String cameraUrl(String cameraId) throws Exception {
    return new JsonObject(hub.get("/api/v1/cameras/" + cameraId, hub.ownerToken).body())
        .getString("url");
  }

  private JsonObject awaitState(String id, String state) throws Exception {
    AtomicReference<JsonObject> entry = new AtomicReference<>();
    Eventually.holdsWithin(
        Duration.ofSeconds(10),
        () -> {
          entry.set(new JsonObject(hub.get("/api/v1/discovered/" + id, hub.ownerToken).body()));
          return state.equals(entry.get().getString("state"));
        });
    assertEquals(state, entry.get().getString("state"), entry.get().encode());
    return entry.get();
  }

  private JsonObject awaitCheck(String id, String check) throws Exception {
    AtomicReference<JsonObject> move = new AtomicReference<>();
    Eventually.holdsWithin(
        Duration.ofSeconds(10),
        () -> {
          move.set(awaitState(id, "moved").getJsonObject("move"));
          return check.equals(move.get().getString("check"));
        });
    assertEquals(check, move.get().getString("check"), move.get().encode());
    return move.get();
  }

  /** The audit entry is written after the state it records; wait for it, then count exactly. */
  private void assertAudited(String action, String target) throws Exception {
    AtomicReference<JsonArray> seen = new AtomicReference<>();
    Eventually.holdsWithin(
        Duration.ofSeconds(5),
        () -> {
          seen.set(
              new JsonObject(hub.get("/api/v1/audit?limit=50", hub.ownerToken).body())
                  .getJsonArray("entries"));
          return hits(seen.get(), action, target) > 0;
        });
    JsonArray entries = seen.get();
    long hits = hits(entries, action, target);
    String all = entries.encode();
    assertEquals(1, hits, () -> action + " audited once for " + target + ": " + all);
  }

  private static long hits(JsonArray entries, String action, String target) {
    return entries.stream()
        .map(o -> (JsonObject) o)
        .filter(e -> action.equals(e.getString("action")) && target.equals(e.getString("target")))
        .count();
  }

  private String adultToken() throws Exception {
    String memberId =
        new JsonObject(
                hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Kid\",\"role\":\"adult\"}")
                    .body())
            .getString("id");
    return new JsonObject(
            hub.post(
                    "/api/v1/tokens",
                    hub.ownerToken,
                    "{\"name\":\"t\",\"member_id\":\"" + memberId + "\"}")
                .body())
        .getString("secret");
  }

  @Test
  void ignoredEntriesStayHiddenAndSurviveARestart() throws Exception {
    Discovered kept = inbox().report(camera("aa:bb:cc:00:00:03", "10.0.0.7"));
    Discovered hidden = inbox().report(camera("aa:bb:cc:00:00:04", "10.0.0.8"));
    assertEquals(
        200,
        hub.post("/api/v1/discovered/" + hidden.id() + "/ignore", hub.ownerToken, "").statusCode());
    assertEquals(1, listed("").size());
    assertEquals(2, listed("?ignored=true").size());
    inbox().report(camera("aa:bb:cc:00:00:04", "10.0.0.8"));
    assertEquals(1, listed("").size(), "an ignored device seen again stays ignored");

    hub.close();
    hub = TestHub.start(dir.resolve("data"));
    JsonArray after = listed("?ignored=true");
    assertEquals(2, after.size());
    for (Object o : after) {
      JsonObject e = (JsonObject) o;
      assertEquals(e.getString("id").equals(kept.id()) ? "new" : "ignored", e.getString("state"));
    }
  }

  @Test
  void onlyTheOwnerSeesOrAdoptsAndWhatCannotBeAdoptedSaysSo() throws Exception {
    Discovered homekit =
        inbox()
            .report(
                new Sighting(
                    "mdns",
                    "homekit:Lamp",
                    Sighting.OTHER,
                    "Lamp",
                    "10.0.0.9:51826",
                    Map.of("service", "_hap._tcp"),
                    false));
    assertError(
        hub.post("/api/v1/discovered/" + homekit.id() + "/adopt", hub.ownerToken, ""),
        422,
        "not_adoptable");
    assertError(
        hub.post("/api/v1/discovered/dsc_nothing/adopt", hub.ownerToken, ""), 404, "not_found");

    String memberId =
        new JsonObject(
                hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Kid\",\"role\":\"adult\"}")
                    .body())
            .getString("id");
    String adult =
        new JsonObject(
                hub.post(
                        "/api/v1/tokens",
                        hub.ownerToken,
                        "{\"name\":\"t\",\"member_id\":\"" + memberId + "\"}")
                    .body())
            .getString("secret");
    assertError(hub.get("/api/v1/discovered", adult), 403, "forbidden");
    Discovered cam = inbox().report(camera("aa:bb:cc:00:00:05", "10.0.0.10"));
    assertError(hub.post("/api/v1/discovered/" + cam.id() + "/adopt", adult, ""), 403, "forbidden");
    assertError(hub.get("/api/v1/discovered", null), 401, "missing_token");
  }

  @Test
  void adoptingACameraThatWasAlreadyAddedLinksItInsteadOfMakingASecond() throws Exception {
    HttpResponse<String> added =
        hub.post(
            "/api/v1/cameras",
            hub.ownerToken,
            "{\"name\":\"Porch (by hand)\",\"url\":\"test://10.0.0.11/live\"}");
    assertEquals(201, added.statusCode(), added.body());
    String cameraId = new JsonObject(added.body()).getString("id");
    Discovered entry = inbox().report(camera("aa:bb:cc:00:00:11", "10.0.0.11"));
    HttpResponse<String> adopted =
        hub.post("/api/v1/discovered/" + entry.id() + "/adopt", hub.ownerToken, "");
    assertEquals(201, adopted.statusCode(), adopted.body());
    assertEquals(cameraId, new JsonObject(adopted.body()).getString("adopted_id"));
    assertEquals(
        1,
        new JsonObject(hub.get("/api/v1/cameras", hub.ownerToken).body())
            .getJsonArray("cameras")
            .size());
  }

  @Test
  void aFloodOfAnnouncementsIsBounded() {
    for (int i = 0; i < Inbox.MAX_NEW + 200; i++) {
      inbox().report(camera("flood-" + i, "10.1." + (i / 250) + "." + (i % 250)));
    }
    assertEquals(Inbox.MAX_NEW, inbox().list(true).size());
  }
}
