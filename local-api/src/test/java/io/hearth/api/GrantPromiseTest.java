package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.demo.DemoSensors;
import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grants cannot silently do nothing: a grant names a principal that exists (an automation by its
 * aut_ id, the one id it has in /tokens, /me, grants and the audit), and a room or all-sensors
 * grant reaches exactly the devices in that room (or the sensors) at each check, later ones
 * included, and nothing else. Each check reads what the grantee actually gets (device names), not
 * only codes.
 */
@Timeout(120)
class GrantPromiseTest {
  @TempDir Path dir;

  @Test
  void aGrantForAPrincipalThatDoesNotExistIsRefusedAndMakesNoRow() throws Exception {
    try (TestHub hub = demoHub()) {
      String thermometer = deviceNamed(hub, "Living room thermometer");
      for (String[] nobody :
          List.of(
              new String[] {"member", "mem_aaaaaaaaaaaaaaaaaaaa", "GET /api/v1/members"},
              new String[] {"display", "dsp_aaaaaaaaaaaaaaaaaaaa", "GET /api/v1/displays"},
              new String[] {"automation", "aut_aaaaaaaaaaaaaaaaaaaa", "GET /api/v1/tokens"},
              new String[] {"automation", "kitchen-rules", "GET /api/v1/tokens"})) {
        HttpResponse<String> answer = grant(hub, nobody[0], nobody[1], "device_id", thermometer);
        assertEquals(422, answer.statusCode(), nobody[1] + ": " + answer.body());
        JsonObject error = new JsonObject(answer.body());
        assertEquals("unknown_principal", error.getString("error"));
        assertTrue(error.getString("message").contains(nobody[2]), error.getString("message"));
      }
      assertTrue(grants(hub).isEmpty(), "no grant row for nobody: " + grants(hub));
    }
  }

  @Test
  void anAutomationHasOneIdInTokensMeGrantsAndTheAudit() throws Exception {
    try (TestHub hub = demoHub()) {
      String thermometer = deviceNamed(hub, "Living room thermometer");
      String lamp = deviceNamed(hub, "Desk lamp");
      JsonObject issued = automation(hub, "rules");
      String secret = issued.getString("secret");
      String automation = issued.getJsonObject("token").getString("principal_id");
      String tokenId = issued.getJsonObject("token").getString("id");
      assertTrue(automation.startsWith("aut_"), automation);
      assertEquals(automation, ok(hub.get("/api/v1/me", secret)).getString("id"));

      HttpResponse<String> old = grant(hub, "automation", tokenId, "device_id", thermometer);
      assertEquals(422, old.statusCode(), "a grant naming the token id: " + old.body());
      assertTrue(old.body().contains(automation), "the refusal names the id to use: " + old.body());
      assertTrue(grants(hub).isEmpty());

      assertEquals(
          201, grant(hub, "automation", automation, "device_id", thermometer).statusCode());
      assertEquals(
          "Living room thermometer",
          ok(hub.get("/api/v1/devices/" + thermometer, secret)).getString("name"),
          "the grant naming aut_ works for the automation's token");
      assertEquals(403, hub.get("/api/v1/devices/" + lamp, secret).statusCode());
      grantScopes(hub, automation, "device_id", lamp, "control");
      HttpResponse<String> command =
          hub.post(
              "/api/v1/devices/" + lamp + "/commands",
              secret,
              "{\"capability\":\"switch\",\"value\":true}");
      assertEquals(202, command.statusCode(), command.body());
      JsonArray audit =
          ok(hub.get("/api/v1/audit?limit=50", hub.ownerToken)).getJsonArray("entries");
      assertTrue(
          audit.stream()
              .map(JsonObject.class::cast)
              .anyMatch(
                  e ->
                      "device.command".equals(e.getString("action"))
                          && ("automation:" + automation).equals(e.getString("actor"))),
          "the command is audited under the same aut_ id: " + audit.encode());
    }
  }

  @Test
  void aRoomGrantReachesTheDevicesInTheRoomAtEachCheckAndNothingElse() throws Exception {
    try (TestHub hub = demoHub()) {
      String thermometer = deviceNamed(hub, "Living room thermometer");
      String motion = deviceNamed(hub, "Hall motion sensor");
      String camera = hub.addCamera("Hall camera", "test://hall");
      place(hub, thermometer, "Living room");
      place(hub, motion, "Hall");
      place(hub, camera, "Hall");
      JsonObject issued = automation(hub, "living room rules");
      String secret = issued.getString("secret");
      String automation = issued.getJsonObject("token").getString("principal_id");

      HttpResponse<String> made =
          grantScopes(hub, automation, "room", "Living room", "events", "snapshot");
      assertEquals(
          new JsonArray().add(thermometer), new JsonObject(made.body()).getJsonArray("covers"));
      assertEquals(Set.of("Living room thermometer"), visibleNames(hub, secret));
      assertEquals(403, hub.get("/api/v1/devices/" + motion, secret).statusCode());
      assertEquals(403, hub.get("/api/v1/devices/" + motion + "/history", secret).statusCode());
      assertEquals(403, hub.get("/api/v1/cameras/" + camera + "/snapshot", secret).statusCode());

      place(hub, motion, "Living room");
      assertEquals(
          Set.of("Living room thermometer", "Hall motion sensor"),
          visibleNames(hub, secret),
          "a device put in the room later is covered at the next check");
      place(hub, thermometer, "Hall");
      assertEquals(Set.of("Hall motion sensor"), visibleNames(hub, secret));
      assertEquals(403, hub.get("/api/v1/devices/" + thermometer, secret).statusCode());

      String member =
          ok(hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Bo\",\"role\":\"adult\"}"))
              .getString("id");
      HttpResponse<String> wide = grantScopes(hub, member, "room", "Hall", "live");
      assertEquals(422, wide.statusCode(), "room grants are for automations: " + wide.body());
    }
  }

  @Test
  void anAllSensorsGrantCoversASensorAdoptedLaterButNoCamera() throws Exception {
    try (TestHub hub = demoHub()) {
      String camera = hub.addCamera("Porch", "test://porch");
      JsonObject issued = automation(hub, "all sensors");
      String secret = issued.getString("secret");
      String automation = issued.getJsonObject("token").getString("principal_id");
      HttpResponse<String> made =
          hub.post(
              "/api/v1/grants",
              hub.ownerToken,
              new JsonObject()
                  .put("principal_kind", "automation")
                  .put("principal_id", automation)
                  .put("all_sensors", true)
                  .put("scopes", new JsonArray().add("events").add("live"))
                  .encode());
      assertEquals(201, made.statusCode(), made.body());
      assertEquals(3, visibleNames(hub, secret).size());

      hub.hub
          .context()
          .devices()
          .ensure("demo", "demo:later", "Garage door", Set.of(Capability.CONTACT))
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertTrue(visibleNames(hub, secret).contains("Garage door"), "adopted after the grant");
      assertTrue(
          ok(hub.get("/api/v1/cameras", secret)).getJsonArray("cameras").isEmpty(),
          "a camera is not a sensor");
      assertEquals(403, hub.get("/api/v1/cameras/" + camera + "/snapshot", secret).statusCode());
    }
  }

  private TestHub demoHub() throws Exception {
    return TestHub.start(
        dir.resolve("data"), List.of(new DemoSensors()), "demo-sensors.enabled=true");
  }

  static String deviceNamed(TestHub hub, String name) throws Exception {
    return ok(hub.get("/api/v1/devices", hub.ownerToken)).getJsonArray("devices").stream()
        .map(JsonObject.class::cast)
        .filter(d -> name.equals(d.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no device " + name))
        .getString("id");
  }

  static JsonObject automation(TestHub hub, String name) throws Exception {
    HttpResponse<String> made =
        hub.post(
            "/api/v1/tokens",
            hub.ownerToken,
            new JsonObject().put("name", name).put("kind", "automation").encode());
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body());
  }

  static void place(TestHub hub, String device, String room) throws Exception {
    HttpResponse<String> placed =
        hub.send(
            TestHub.authorized(
                    HttpRequest.newBuilder(hub.https("/api/v1/devices/" + device + "/room")),
                    hub.ownerToken)
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("room", room).encode())));
    assertEquals(200, placed.statusCode(), placed.body());
  }

  private static HttpResponse<String> grant(
      TestHub hub, String kind, String principal, String field, String target) throws Exception {
    return hub.post(
        "/api/v1/grants",
        hub.ownerToken,
        new JsonObject()
            .put("principal_kind", kind)
            .put("principal_id", principal)
            .put(field, target)
            .put("scopes", new JsonArray().add("events"))
            .encode());
  }

  static HttpResponse<String> grantScopes(
      TestHub hub, String automation, String field, String target, String... scopes)
      throws Exception {
    String kind = automation.startsWith("mem_") ? "member" : "automation";
    return hub.post(
        "/api/v1/grants",
        hub.ownerToken,
        new JsonObject()
            .put("principal_kind", kind)
            .put("principal_id", automation)
            .put(field, target)
            .put("scopes", new JsonArray(List.of((Object[]) scopes)))
            .encode());
  }

  private static JsonArray grants(TestHub hub) throws Exception {
    return ok(hub.get("/api/v1/grants", hub.ownerToken)).getJsonArray("grants");
  }

  private static Set<String> visibleNames(TestHub hub, String secret) throws Exception {
    return ok(hub.get("/api/v1/devices", secret)).getJsonArray("devices").stream()
        .map(d -> ((JsonObject) d).getString("name"))
        .collect(java.util.stream.Collectors.toSet());
  }

  static JsonObject ok(HttpResponse<String> answer) {
    assertFalse(answer.statusCode() >= 300, answer.statusCode() + " " + answer.body());
    return new JsonObject(answer.body());
  }
}
