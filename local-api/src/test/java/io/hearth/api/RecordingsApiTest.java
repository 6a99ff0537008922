package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.recording.RecordedSpan;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recordings reach only who may see them: the owner sets how a camera is recorded; listing a
 * camera's segments needs a live grant with the events scope on that camera, checked on every
 * request, so a live-only grant, another camera or a revoked grant gets nothing.
 */
@Timeout(120)
class RecordingsApiTest {
  @TempDir Path dir;
  TestHub hub;
  H264TestClip clip;
  String porch;
  String nursery;

  /** Cameras that loop a real H.264 clip. */
  static final class ClipCameras implements HubModule {
    private final H264TestClip clip;

    ClipCameras(H264TestClip clip) {
      this.clip = clip;
    }

    @Override
    public String name() {
      return "clipcams";
    }

    @Override
    public String description() {
      return "test cameras looping an H.264 clip";
    }

    @Override
    public Future<Void> start(ModuleContext context) {
      context.mediaSources().register(clip.cameras());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
      return Future.succeededFuture();
    }
  }

  @BeforeEach
  void start() throws Exception {
    clip = H264TestClip.encode(dir);
    hub =
        TestHub.start(
            dir.resolve("data"), List.of(new ClipCameras(clip)), "recording.segment-seconds=2");
    porch = hub.addCamera("Porch", "h264test://porch");
    nursery = hub.addCamera("Nursery", "h264test://nursery");
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void onlyAnEventsGrantOnTheCameraListsItsRecordings() throws Exception {
    for (String camera : List.of(porch, nursery)) {
      HttpResponse<String> set = put(camera, hub.ownerToken, "{\"mode\":\"continuous\"}");
      assertEquals(200, set.statusCode(), set.body());
    }
    Member ana = memberWithEvents(porch);
    String display = hub.pairDisplay("Kitchen", List.of(porch)); // live and snapshot only

    JsonArray listed = awaitSegments(ana.token(), porch);
    for (int i = 0; i < listed.size(); i++) {
      assertEquals(porch, listed.getJsonObject(i).getString("camera_id"));
    }
    HttpResponse<String> answer = hub.get(recordings(porch), ana.token());
    assertEquals("private, no-store", answer.headers().firstValue("Cache-Control").orElse(""));

    assertEquals(403, hub.get(recordings(nursery), ana.token()).statusCode());
    assertEquals(403, hub.get(recordings(porch), display).statusCode());
    assertEquals(403, put(porch, ana.token(), "{\"mode\":\"off\"}").statusCode());
    assertEquals(403, hub.get(mode(porch), ana.token()).statusCode());

    assertEquals(204, hub.delete("/api/v1/grants/" + ana.grant(), hub.ownerToken).statusCode());
    assertEquals(403, hub.get(recordings(porch), ana.token()).statusCode());
    JsonObject mode = new JsonObject(hub.get(mode(porch), hub.ownerToken).body());
    assertEquals("continuous", mode.getString("mode"));
  }

  @Test
  void aRecordingPlaysSealedToItsSessionAndStopsWhenTheEventsGrantGoes() throws Exception {
    assertEquals(200, put(porch, hub.ownerToken, "{\"mode\":\"continuous\"}").statusCode());
    Member ana = memberWithEvents(porch);
    String live = hub.memberToken(List.of(porch)); // a live grant only
    JsonArray listed = awaitSegments(ana.token(), porch);
    String segment = listed.getJsonObject(0).getString("id");

    assertEquals(403, hub.post(playPath(porch, segment), live, "{}").statusCode());
    assertEquals(403, hub.post(playPath(nursery, segment), ana.token(), "{}").statusCode());

    // the whole segment, verified chunk by chunk, plays in ffprobe and holds the clip
    byte[] mp4;
    try (StreamClient client = StreamClient.connect(hub, play(ana.token(), porch, segment))) {
      assertEquals(1000, (int) client.closed.get(30, TimeUnit.SECONDS), "not played to its end");
      mp4 = SealedClip.reassemble(client, porch);
    }
    Path file = dir.resolve("played.mp4");
    Files.write(file, mp4);
    Map<String, String> probe = Ffmpeg.probe(dir, 60, file);
    assertEquals("h264", probe.get("codec_name"));
    assertEquals("320", probe.get("width"));
    assertTrue(Integer.parseInt(probe.get("nb_read_frames")) >= 25, probe.toString());
    assertTrue(H264TestClip.contains(mp4, clip.watermark()), "the clip's bytes are missing");

    // revoked while playing: nothing more arrives after the revocation, closed with 4403
    try (StreamClient client = StreamClient.connect(hub, play(ana.token(), porch, segment))) {
      client.awaitChunks(3, 10_000);
      long revoked = System.currentTimeMillis();
      assertEquals(204, hub.delete("/api/v1/grants/" + ana.grant(), hub.ownerToken).statusCode());
      assertEquals(4403, (int) client.closed.get(5, TimeUnit.SECONDS));
      long last = client.arrivals.get(client.arrivals.size() - 1);
      assertTrue(last - revoked < 1000, "a chunk came " + (last - revoked) + " ms after");
    }
  }

  /**
   * A day view's spans: consecutive segments make one span, a pause in recording starts the next;
   * the spans cover exactly the listed segments; a limit leaves later ones out and says so; and
   * only an events grant on the camera gets them.
   */
  @Test
  void spansShowTheRecordingWithItsGapsAndOnlyToAnEventsGrant() throws Exception {
    assertEquals(200, put(porch, hub.ownerToken, "{\"mode\":\"continuous\"}").statusCode());
    Member ana = memberWithEvents(porch);
    awaitSegmentCount(ana.token(), porch, 2);
    assertEquals(200, put(porch, hub.ownerToken, "{\"mode\":\"off\"}").statusCode());
    int before = segments(ana.token(), porch).size();
    Thread.sleep(2 * RecordedSpan.GAP_MS); // a pause well over the gap a span bridges
    assertEquals(200, put(porch, hub.ownerToken, "{\"mode\":\"continuous\"}").statusCode());
    awaitSegmentCount(ana.token(), porch, before + 2);
    assertEquals(200, put(porch, hub.ownerToken, "{\"mode\":\"off\"}").statusCode());
    Thread.sleep(1000); // the last segment closed and indexed
    JsonArray segments = segments(ana.token(), porch);

    HttpResponse<String> answer = hub.get(spans(porch, ""), ana.token());
    assertEquals(200, answer.statusCode(), answer.body());
    JsonObject body = new JsonObject(answer.body());
    JsonArray spans = body.getJsonArray("spans");
    assertEquals(2, spans.size(), "one span before the pause, one after: " + spans);
    assertEquals(false, body.getBoolean("more"));
    JsonObject first = spans.getJsonObject(0);
    JsonObject second = spans.getJsonObject(1);
    assertEquals(segments.size(), first.getInteger("segments") + second.getInteger("segments"));
    assertEquals(segments.getJsonObject(0).getString("started_at"), first.getString("started_at"));
    assertEquals(
        segments.getJsonObject(segments.size() - 1).getString("ended_at"),
        second.getString("ended_at"));
    int split = first.getInteger("segments");
    assertEquals(
        segments.getJsonObject(split - 1).getString("ended_at"), first.getString("ended_at"));
    assertEquals(
        segments.getJsonObject(split).getString("started_at"), second.getString("started_at"));

    JsonObject one = new JsonObject(hub.get(spans(porch, "&limit=1"), ana.token()).body());
    assertEquals(1, one.getJsonArray("spans").size());
    assertEquals(true, one.getBoolean("more"), "a later span was left out");
    HttpResponse<String> zero = hub.get(spans(porch, "&limit=0"), ana.token());
    assertEquals(400, zero.statusCode());
    assertTrue(zero.body().contains("limit must be from 1 to 1000"), zero.body());
    HttpResponse<String> backwards =
        hub.get(
            "/api/v1/cameras/"
                + porch
                + "/recordings/spans?from=2026-01-02T00:00:00Z"
                + "&to=2026-01-01T00:00:00Z",
            ana.token());
    assertEquals(400, backwards.statusCode());

    String live = hub.memberToken(List.of(porch)); // a live grant only
    assertEquals(403, hub.get(spans(porch, ""), live).statusCode());
    assertEquals(403, hub.get(spans(nursery, ""), ana.token()).statusCode());
  }

  private static String spans(String camera, String more) {
    return "/api/v1/cameras/" + camera + "/recordings/spans?from=0" + more;
  }

  private JsonArray segments(String token, String camera) throws Exception {
    HttpResponse<String> answer = hub.get(recordings(camera) + "?limit=500", token);
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body()).getJsonArray("segments");
  }

  private void awaitSegmentCount(String token, String camera, int count) throws Exception {
    Eventually.within(
        Duration.ofSeconds(60),
        count + " segments of " + camera,
        () -> {
          try {
            return segments(token, camera).size() >= count;
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Test
  void aBadModeIsRefusedSayingWhatIsAccepted() throws Exception {
    HttpResponse<String> answer = put(porch, hub.ownerToken, "{\"mode\":\"sometimes\"}");
    assertEquals(400, answer.statusCode());
    assertTrue(answer.body().contains("off, events or continuous"), answer.body());
  }

  private JsonArray awaitSegments(String token, String camera) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(60),
        "a segment of " + camera + " listed",
        () -> {
          HttpResponse<String> answer = hub.get(recordings(camera), token);
          assertEquals(200, answer.statusCode(), answer.body());
          JsonArray segments = new JsonObject(answer.body()).getJsonArray("segments");
          return segments.isEmpty() ? null : segments;
        });
  }

  /** An adult member's token and the id of its one grant. */
  record Member(String token, String grant) {}

  /** An adult with an events grant on the camera. */
  private Member memberWithEvents(String camera) throws Exception {
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
    return new Member(token, new JsonObject(grant.body()).getString("id"));
  }

  private HttpResponse<String> put(String camera, String token, String json) throws Exception {
    return hub.send(
        TestHub.authorized(
            HttpRequest.newBuilder(hub.https(mode(camera)))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)),
            token));
  }

  private JsonObject play(String token, String camera, String segment) throws Exception {
    HttpResponse<String> opened = hub.post(playPath(camera, segment), token, "{}");
    assertEquals(201, opened.statusCode(), opened.body());
    return new JsonObject(opened.body());
  }

  private static String playPath(String camera, String segment) {
    return recordings(camera) + "/" + segment + "/sessions";
  }

  private static String mode(String camera) {
    return "/api/v1/cameras/" + camera + "/recording";
  }

  private static String recordings(String camera) {
    return "/api/v1/cameras/" + camera + "/recordings";
  }
}
