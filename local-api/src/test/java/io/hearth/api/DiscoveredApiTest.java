package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.discovery.Sighting;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The discovery inbox through the API: listed at once, adopted only on request, followed. */
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
  void adoptionMakesACameraAndAMoveIsFollowedByIdentity() throws Exception {
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

    // DHCP gives the camera a new address: the same identity is seen there.
    inbox().report(camera("aa:bb:cc:00:00:02", "10.0.0.77"));
    long deadline = System.currentTimeMillis() + 10_000;
    String url = null;
    while (System.currentTimeMillis() < deadline) {
      url =
          new JsonObject(hub.get("/api/v1/cameras/" + cameraId, hub.ownerToken).body())
              .getString("url");
      if (url.contains("10.0.0.77")) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals("test://10.0.0.77/live", url);
    assertEquals(1, listed("").size());

    // Another device that claims the old address is a different entry and moves nothing.
    inbox().report(camera("aa:bb:cc:00:00:99", "10.0.0.6"));
    Thread.sleep(300);
    assertEquals(
        "test://10.0.0.77/live",
        new JsonObject(hub.get("/api/v1/cameras/" + cameraId, hub.ownerToken).body())
            .getString("url"));
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
