package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event feed's camera events follow every kind of grant the access check honours: a grant over
 * the camera's room (resolved against the device table, like live view's check) delivers them as a
 * grant on the camera itself does; a principal with only live video on the camera, or none, gets
 * none; and once a grant is revoked, no event announced after it reaches its holder.
 */
@Timeout(150)
class CameraEventFeedGrantsTest {
  @TempDir Path dir;

  @Test
  void roomAndCameraGrantsDeliverCameraEventsAndRevocationStopsThem() throws Exception {
    H264TestClip motion = H264TestClip.encodeMotion(dir);
    try (TestHub hub =
        TestHub.start(
            dir.resolve("data"),
            List.of(new MovingCameras(motion)),
            "recording.motion-hold-seconds=1")) {
      String yard = hub.addCamera("Yard", "h264motion://yard");
      HttpResponse<String> mode =
          hub.put(
              "/api/v1/cameras/" + yard + "/recording", hub.ownerToken, "{\"mode\":\"events\"}");
      assertEquals(200, mode.statusCode(), mode.body());
      GrantPromiseTest.place(hub, yard, "Garden side");
      JsonObject issued = GrantPromiseTest.automation(hub, "yard rules");
      String robot = issued.getString("secret");
      String robotGrant =
          grantId(
              GrantPromiseTest.grantScopes(
                  hub,
                  issued.getJsonObject("token").getString("principal_id"),
                  "room",
                  "Garden side",
                  "events"));
      String[] ana = member(hub, "Ana", yard, "events");
      String[] bo = member(hub, "Bo", yard, "live");
      String path = "/api/v1/events?kind=camera_event";
      try (DevicesAndEventsTest.Sse owner =
              DevicesAndEventsTest.Sse.open(hub, path, hub.ownerToken, null);
          DevicesAndEventsTest.Sse byRoom = DevicesAndEventsTest.Sse.open(hub, path, robot, null);
          DevicesAndEventsTest.Sse byCamera =
              DevicesAndEventsTest.Sse.open(hub, path, ana[0], null);
          DevicesAndEventsTest.Sse liveOnly =
              DevicesAndEventsTest.Sse.open(hub, path, bo[0], null)) {
        for (DevicesAndEventsTest.Sse feed : List.of(byRoom, byCamera)) {
          for (JsonObject e : awaitEvents(feed, 2)) {
            assertEquals("camera_event", e.getString("kind"));
            assertEquals(yard, e.getString("device_id"));
          }
        }
        awaitEvents(owner, 2);
        assertEquals(0, liveOnly.available(), "camera events without an events grant");

        assertEquals(204, hub.delete("/api/v1/grants/" + robotGrant, hub.ownerToken).statusCode());
        assertEquals(204, hub.delete("/api/v1/grants/" + ana[1], hub.ownerToken).statusCode());
        // Revoked grants end access within one second (DESIGN.md, promise 4): events announced
        // later than that must reach nobody but the owner.
        Instant cutoff = Instant.now().plusSeconds(1);
        List<JsonObject> heard = new ArrayList<>();
        Eventually.value(
            Duration.ofSeconds(60),
            "the owner hears of an event announced after the revocation",
            () -> {
              heard.addAll(arrived(owner));
              return heard.stream().anyMatch(e -> Instant.parse(e.getString("at")).isAfter(cutoff))
                  ? true
                  : null;
            });
        assertEquals(List.of(), drained(liveOnly), "camera events without an events grant");
        for (DevicesAndEventsTest.Sse feed : List.of(byRoom, byCamera)) {
          for (JsonObject e : drained(feed)) {
            assertTrue(
                !Instant.parse(e.getString("at")).isAfter(cutoff),
                "an event announced after the revocation reached a revoked holder: " + e);
          }
        }
      }
    }
  }

  /**
   * Waits (boundedly: a feed that never delivers fails the test, it does not hang it) until the
   * feed has delivered at least {@code count} events; returns them.
   */
  private static List<JsonObject> awaitEvents(DevicesAndEventsTest.Sse feed, int count)
      throws Exception {
    List<JsonObject> got = new ArrayList<>();
    return Eventually.value(
        Duration.ofSeconds(60),
        "camera events on the feed",
        () -> {
          got.addAll(arrived(feed));
          return got.size() >= count ? got : null;
        });
  }

  /** Everything the feed has delivered so far, after a moment for late deliveries. */
  private static List<JsonObject> drained(DevicesAndEventsTest.Sse feed) throws Exception {
    Thread.sleep(500);
    return arrived(feed);
  }

  /** The events the feed has delivered and not yet been read, without waiting for more. */
  private static List<JsonObject> arrived(DevicesAndEventsTest.Sse feed) throws Exception {
    List<JsonObject> got = new ArrayList<>();
    while (feed.reader.ready()) {
      String line = feed.reader.readLine();
      if (line != null && line.startsWith("data: ")) {
        got.add(new JsonObject(line.substring(6)));
      }
    }
    return got;
  }

  /** A member with a grant of {@code scope} on the camera: {token, grant id}. */
  private static String[] member(TestHub hub, String name, String camera, String scope)
      throws Exception {
    String id =
        GrantPromiseTest.ok(
                hub.post(
                    "/api/v1/members",
                    hub.ownerToken,
                    new JsonObject().put("name", name).put("role", "adult").encode()))
            .getString("id");
    HttpResponse<String> grant =
        hub.post(
            "/api/v1/grants",
            hub.ownerToken,
            new JsonObject()
                .put("principal_kind", "member")
                .put("principal_id", id)
                .put("camera_id", camera)
                .put("scopes", new JsonArray().add(scope))
                .encode());
    String token =
        GrantPromiseTest.ok(
                hub.post(
                    "/api/v1/tokens",
                    hub.ownerToken,
                    new JsonObject().put("name", "t").put("member_id", id).encode()))
            .getString("secret");
    return new String[] {token, grantId(grant)};
  }

  private static String grantId(HttpResponse<String> made) {
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body()).getString("id");
  }
}
