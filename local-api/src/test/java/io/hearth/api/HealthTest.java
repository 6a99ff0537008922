package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mjpeg.MjpegModule;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health says what is wrong, part by part: all up on a fresh hub; degraded, naming the cameras
 * component, while a watched camera cannot be reached; down with 503 when the database no longer
 * answers. Before, health said "up" whatever its parts did.
 */
@Timeout(90)
class HealthTest {
  @TempDir Path dir;

  @Test
  void upDegradedAndDownFollowTheParts() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"), List.of(new MjpegModule()))) {
      JsonObject fresh = health(hub, 200);
      assertEquals("up", fresh.getString("status"), fresh.encodePrettily());
      JsonObject parts = fresh.getJsonObject("components");
      for (String part : List.of("database", "broker", "modules", "events", "streams", "cameras")) {
        assertEquals("up", parts.getJsonObject(part).getString("state"), part);
      }
      assertTrue(
          parts
              .getJsonObject("modules")
              .getJsonArray("running")
              .getList()
              .containsAll(List.of("api", "mjpeg", "testcams")),
          parts.encode());

      // WHEN a camera that is watched cannot be reached
      String id = hub.addCamera("Shed", "http://127.0.0.1:" + Peers.freePort() + "/video.mjpg");
      Camera shed = Await.get(hub.hub.context().cameras().get(id));
      Await.get(hub.hub.context().switchboard().warm(shed, Duration.ofSeconds(60)));
      JsonObject degraded =
          Eventually.value(
              Duration.ofSeconds(20),
              "health degraded by the offline camera",
              () -> {
                JsonObject now = health(hub, 200);
                return "degraded".equals(now.getString("status")) ? now : null;
              });
      JsonObject cameras = degraded.getJsonObject("components").getJsonObject("cameras");
      assertEquals("degraded", cameras.getString("state"));
      assertEquals(1, cameras.getInteger("offline"));
      assertEquals(1, cameras.getInteger("total"));
      assertEquals(
          "up", degraded.getJsonObject("components").getJsonObject("database").getString("state"));

      // WHEN the database stops answering
      hub.hub.context().database().close();
      JsonObject down = health(hub, 503);
      assertEquals("down", down.getString("status"));
      assertEquals(
          "down", down.getJsonObject("components").getJsonObject("database").getString("state"));
    }
  }

  private static JsonObject health(TestHub hub, int status) throws Exception {
    HttpResponse<String> answer = hub.get("/api/v1/health", null);
    assertEquals(status, answer.statusCode(), answer.body());
    return new JsonObject(answer.body());
  }
}
