package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Camera events reach only who may see them (the Wyze case): two cameras whose pictures move on a
 * schedule, recorded on events only; a viewer with an events grant on the yard lists only the
 * yard's events (across cameras and per camera), gets the yard's thumbnails (decoded: the camera's
 * picture) and clips (played chunk by chunk), and nothing of the garden, not even through the
 * yard's path with a garden event's id; revoked, listing stops at once and a clip playing stops
 * within 1 s.
 */
@Timeout(150)
class CameraEventsApiTest {
  @TempDir Path dir;
  TestHub hub;
  String yard;
  String garden;

  @BeforeEach
  void start() throws Exception {
    H264TestClip motion = H264TestClip.encodeMotion(dir);
    hub =
        TestHub.start(
            dir.resolve("data"),
            List.of(new MovingCameras(motion)),
            "recording.segment-seconds=2",
            "recording.motion-hold-seconds=1",
            "recording.pre-roll-seconds=1",
            "recording.post-roll-seconds=1");
    yard = hub.addCamera("Yard", "h264motion://yard");
    garden = hub.addCamera("Garden", "h264motion://garden");
    for (String camera : List.of(yard, garden)) {
      HttpResponse<String> set =
          hub.put(
              "/api/v1/cameras/" + camera + "/recording", hub.ownerToken, "{\"mode\":\"events\"}");
      assertEquals(200, set.statusCode(), set.body());
    }
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void aViewerSeesOnlyItsCamerasEventsThumbnailsAndClipsAndNothingAfterRevocation()
      throws Exception {
    RecordingsApiTest.Member ana = memberWithEvents(yard);
    List<JsonObject> fed = new ArrayList<>();
    try (DevicesAndEventsTest.Sse feed =
        DevicesAndEventsTest.Sse.open(hub, "/api/v1/events?kind=camera_event", ana.token(), null)) {
      JsonObject gardenEvent = awaitEvent(hub.ownerToken, garden);
      JsonObject yardEvent = awaitEvent(ana.token(), yard);
      feed.read(2, fed);
      for (JsonObject e : fed) {
        assertEquals(yard, e.getString("device_id"), "a foreign camera event on the feed: " + e);
        assertEquals(yard, e.getJsonObject("value").getString("camera_id"));
      }
      onlyTheYard(ana, gardenEvent, yardEvent);
    }
  }

  private void onlyTheYard(
      RecordingsApiTest.Member ana, JsonObject gardenEvent, JsonObject yardEvent) throws Exception {

    JsonArray all = page(ana.token(), "/api/v1/camera-events");
    assertFalse(all.isEmpty());
    for (Object e : all) {
      assertEquals(yard, ((JsonObject) e).getString("camera_id"), "a foreign event: " + e);
    }
    assertEquals(403, hub.get("/api/v1/cameras/" + garden + "/events", ana.token()).statusCode());
    assertEquals(403, hub.get("/api/v1/camera-events?camera=" + garden, ana.token()).statusCode());
    String gardenId = gardenEvent.getString("id");
    assertEquals(
        403, hub.getBytes(event(garden, gardenId) + "/thumbnail", ana.token()).statusCode());
    assertEquals(
        403, hub.post(event(garden, gardenId) + "/sessions", ana.token(), "{}").statusCode());
    // the garden's event through the yard's path, where the grant holds: not found
    assertEquals(404, hub.getBytes(event(yard, gardenId) + "/thumbnail", ana.token()).statusCode());
    assertEquals(404, hub.get(event(yard, gardenId), ana.token()).statusCode());
    assertEquals(
        404, hub.post(event(yard, gardenId) + "/sessions", ana.token(), "{}").statusCode());

    String yardId = yardEvent.getString("id");
    HttpResponse<byte[]> thumbnail = hub.getBytes(event(yard, yardId) + "/thumbnail", ana.token());
    assertEquals(200, thumbnail.statusCode());
    assertEquals("image/jpeg", thumbnail.headers().firstValue("Content-Type").orElse(""));
    assertEquals("private, no-store", thumbnail.headers().firstValue("Cache-Control").orElse(""));
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
    assertEquals(320, picture.getWidth());
    assertEquals(240, picture.getHeight());

    byte[] mp4 = playClip(ana.token(), yardId);
    Path file = dir.resolve("clip.mp4");
    Files.write(file, mp4);
    Map<String, String> probe = Ffmpeg.probe(dir, 60, file);
    assertEquals("h264", probe.get("codec_name"));
    assertEquals("320", probe.get("width"));

    try (StreamClient client = StreamClient.connect(hub, clipSession(ana.token(), yardId))) {
      client.awaitChunks(3, 10_000);
      long revoked = System.currentTimeMillis();
      assertEquals(204, hub.delete("/api/v1/grants/" + ana.grant(), hub.ownerToken).statusCode());
      assertEquals(403, hub.get("/api/v1/cameras/" + yard + "/events", ana.token()).statusCode());
      assertTrue(page(ana.token(), "/api/v1/camera-events").isEmpty(), "listed after revocation");
      assertEquals(403, hub.getBytes(event(yard, yardId) + "/thumbnail", ana.token()).statusCode());
      assertEquals(4403, (int) client.closed.get(5, TimeUnit.SECONDS));
      long last = client.arrivals.get(client.arrivals.size() - 1);
      assertTrue(last - revoked < 1000, "a chunk came " + (last - revoked) + " ms after");
    }
  }

  /** The clip played to its end, every chunk opened with the session's key. */
  private byte[] playClip(String token, String eventId) throws Exception {
    try (StreamClient client = StreamClient.connect(hub, clipSession(token, eventId))) {
      assertEquals(1000, (int) client.closed.get(60, TimeUnit.SECONDS), "not played to its end");
      return SealedClip.reassemble(client, yard);
    }
  }

  private JsonObject clipSession(String token, String eventId) throws Exception {
    HttpResponse<String> opened = hub.post(event(yard, eventId) + "/sessions", token, "{}");
    assertEquals(201, opened.statusCode(), opened.body());
    return new JsonObject(opened.body());
  }

  /** A closed event of the camera with its thumbnail and its clip's segments stored. */
  private JsonObject awaitEvent(String token, String camera) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(60),
        "a finished event of " + camera,
        () -> {
          for (Object o : page(token, "/api/v1/cameras/" + camera + "/events")) {
            JsonObject e = (JsonObject) o;
            boolean stored =
                !page(token, "/api/v1/cameras/" + camera + "/recordings", "segments").isEmpty();
            if (e.getString("ended_at") != null && e.getBoolean("thumbnail") && stored) {
              return e;
            }
          }
          return null;
        });
  }

  private JsonArray page(String token, String path) throws Exception {
    return page(token, path, "events");
  }

  private JsonArray page(String token, String path, String field) throws Exception {
    HttpResponse<String> answer = hub.get(path, token);
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body()).getJsonArray(field);
  }

  private static String event(String camera, String eventId) {
    return "/api/v1/cameras/" + camera + "/events/" + eventId;
  }

  private RecordingsApiTest.Member memberWithEvents(String camera) throws Exception {
    String id =
        new JsonObject(
                hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Ana\",\"role\":\"adult\"}")
                    .body())
            .getString("id");
    HttpResponse<String> grant =
        hub.post(
            "/api/v1/grants",
            hub.ownerToken,
            new JsonObject()
                .put("principal_kind", "member")
                .put("principal_id", id)
                .put("camera_id", camera)
                .put("scopes", new JsonArray().add("events"))
                .encode());
    assertEquals(201, grant.statusCode(), grant.body());
    String token =
        new JsonObject(
                hub.post(
                        "/api/v1/tokens",
                        hub.ownerToken,
                        "{\"name\":\"t\",\"member_id\":\"" + id + "\"}")
                    .body())
            .getString("secret");
    return new RecordingsApiTest.Member(token, new JsonObject(grant.body()).getString("id"));
  }
}
