package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power cut while recording: the hub process (its own JVM) records a real GStreamer RTSP camera
 * in 2 s segments and is killed with SIGKILL. The database passes SQLite's integrity check, every
 * segment listed before the kill is listed again after the restart (at most the segment being
 * written is lost), no leftover temporary file survives the restart, recording goes on, and the
 * camera event open at the kill (a moving ball) is closed at the start.
 */
@Timeout(180)
class KillNineRecordingTest {
  static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  @TempDir Path dir;

  @Test
  void killNineWhileRecordingLosesAtMostTheSegmentBeingWritten() throws Exception {
    Path data = dir.resolve("data");
    try (GstCamera camera = GstCamera.builder().pattern("ball").start()) {
      Set<String> before;
      String cameraId;
      String openEvent;
      try (HubProcess hub =
          HubProcess.run(data, dir.resolve("hub.log"), "recording.segment-seconds=2")) {
        int port = hub.awaitHttpPort(Duration.ofSeconds(60));
        String token = hub.ownerToken();
        cameraId = addCamera(port, token, camera.url());
        JsonObject mode = new JsonObject().put("mode", "continuous");
        assertEquals(
            200,
            send(port, token, "PUT", "/cameras/" + cameraId + "/recording", mode).statusCode());
        before = awaitSegments(port, token, cameraId, 3, Set.of());
        openEvent = awaitOpenEvent(port, token, cameraId);
        hub.kill();
      }
      assertEquals("ok", integrity(data.resolve("hearth.db")));
      try (HubProcess again =
          HubProcess.run(data, dir.resolve("hub2.log"), "recording.segment-seconds=2")) {
        int port = again.awaitHttpPort(Duration.ofSeconds(60));
        Set<String> after =
            awaitSegments(port, again.ownerToken(), cameraId, before.size() + 1, before);
        assertTrue(after.containsAll(before), "lost: " + before + " vs " + after);
        HttpResponse<String> event =
            send(
                port,
                again.ownerToken(),
                "GET",
                "/cameras/" + cameraId + "/events/" + openEvent,
                null);
        assertEquals(200, event.statusCode(), event.body());
        assertTrue(
            new JsonObject(event.body()).getString("ended_at") != null,
            "the event open at the kill is still open: " + event.body());
        try (Stream<Path> files = Files.walk(data.resolve("recordings"))) {
          assertEquals(0, files.filter(p -> p.toString().endsWith(".tmp")).count());
        }
      }
    }
  }

  /** An event of the camera still open (the ball keeps moving). */
  private static String awaitOpenEvent(int port, String token, String cameraId) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(30),
        "an open event of " + cameraId,
        () -> {
          HttpResponse<String> listed =
              send(port, token, "GET", "/cameras/" + cameraId + "/events", null);
          for (Object o : new JsonObject(listed.body()).getJsonArray("events")) {
            JsonObject e = (JsonObject) o;
            if (e.getString("ended_at") == null) {
              return e.getString("id");
            }
          }
          return null;
        });
  }

  private static String integrity(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet r = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      r.next();
      return r.getString(1);
    }
  }

  /** The camera's segment ids once there are {@code count}, including every one of {@code must}. */
  private static Set<String> awaitSegments(
      int port, String token, String cameraId, int count, Set<String> must) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(60),
        count + " segments of " + cameraId,
        () -> {
          HttpResponse<String> listed =
              send(port, token, "GET", "/cameras/" + cameraId + "/recordings?limit=500", null);
          assertEquals(200, listed.statusCode(), listed.body());
          Set<String> ids = new HashSet<>();
          JsonArray segments = new JsonObject(listed.body()).getJsonArray("segments");
          segments.forEach(s -> ids.add(((JsonObject) s).getString("id")));
          return ids.size() >= count && ids.containsAll(must) ? ids : null;
        });
  }

  private static String addCamera(int port, String token, String url) throws Exception {
    JsonObject body = new JsonObject().put("name", "Porch").put("url", url);
    HttpResponse<String> made = send(port, token, "POST", "/cameras", body);
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body()).getString("id");
  }

  private static HttpResponse<String> send(
      int port, String token, String method, String path, JsonObject body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
