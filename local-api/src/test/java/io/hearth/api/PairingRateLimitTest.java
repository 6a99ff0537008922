package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Guessing user codes is rate limited: on its own hub, so other tests keep their budget. */
@Timeout(60)
class PairingRateLimitTest {
  @TempDir Path dir;

  @Test
  void wrongUserCodesAreRateLimitedAndTheRightOneThenWaits() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      String camera = hub.addCamera("Door", "test://door");
      JsonObject codes = new JsonObject(hub.post("/api/v1/displays/pair", null, "{}").body());
      int limited = 0;
      for (int i = 0; i < 8; i++) {
        HttpResponse<String> guess = approve(hub, "BCDFBCDF", camera);
        assertTrue(guess.statusCode() == 404 || guess.statusCode() == 429, guess.body());
        limited += guess.statusCode() == 429 ? 1 : 0;
      }
      assertTrue(limited >= 2, "wrong codes were not rate limited");
      assertEquals(
          429,
          approve(hub, codes.getString("user_code"), camera).statusCode(),
          "even the right code waits out the limit");
    }
  }

  private static HttpResponse<String> approve(TestHub hub, String code, String camera)
      throws Exception {
    return hub.post(
        "/api/v1/displays/approve",
        hub.ownerToken,
        new JsonObject()
            .put("user_code", code)
            .put("cameras", new JsonArray().add(camera))
            .encode());
  }
}
