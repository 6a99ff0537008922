package io.hearth.api;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/**
 * The contract test's calls about camera events: a motion sensor tied to the camera starts an
 * event, which is then listed, read, asked for its thumbnail and played; the sensor is untied.
 */
final class ContractEvents {
  static final String API = ContractTest.API;
  private final TestHub hub;
  private final ContractClient api;
  private final String owner;

  ContractEvents(TestHub hub, ContractClient api) {
    this.hub = hub;
    this.api = api;
    this.owner = hub.ownerToken;
  }

  void cameraEvents(String camera) throws Exception {
    var devices = hub.hub.context().devices();
    SensorDevice hall = get(devices.ensure("mqtt", "z2m:hall", "Hall", Set.of(Capability.MOTION)));
    String cam = API + "/cameras/" + camera;
    String links = API + "/cameras/{id}/linked-sensors";
    api.ok(200, "PUT", links + "/{device}", cam + "/linked-sensors/" + hall.id(), owner, null);
    api.ok(200, "GET", links, cam + "/linked-sensors", owner, null);
    devices.report(hall.id(), Capability.MOTION, true, System.currentTimeMillis());
    JsonObject event =
        Eventually.value(
            Duration.ofSeconds(10),
            "an event of the camera",
            () -> {
              JsonArray page =
                  api.ok(200, "GET", API + "/camera-events", API + "/camera-events", owner, null)
                      .getJsonArray("events");
              return page.isEmpty() ? null : page.getJsonObject(0);
            });
    assertEquals("sensor", event.getString("source"));
    String one = cam + "/events/" + event.getString("id");
    api.ok(200, "GET", API + "/cameras/{id}/events", cam + "/events?limit=5", owner, null);
    api.ok(200, "GET", API + "/cameras/{id}/events/{event}", one, owner, null);
    api.get(API + "/cameras/{id}/events/{event}/thumbnail", one + "/thumbnail", owner);
    api.call("POST", API + "/cameras/{id}/events/{event}/sessions", one + "/sessions", owner, "{}");
    api.call(
        "POST",
        API + "/cameras/{id}/recordings/sessions",
        cam + "/recordings/sessions?from=2020-01-01T00:00:00Z&to=2020-01-01T00:01:00Z",
        owner,
        "{}"); // 404: nothing recorded then
    api.ok(204, "DELETE", links + "/{device}", cam + "/linked-sensors/" + hall.id(), owner, null);
  }
}
