package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.recording.CameraEvent;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera's motion reaches Home Assistant: a camera whose MOTION state is reported (as its ONVIF
 * events would) gets a motion {@code binary_sensor} document that passes HA's schema, its state
 * topic follows, and the hub opens a camera event from it (source onvif).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CameraMotionDiscoveryTest {
  @TempDir Path data;

  @Test
  void aCamerasMotionIsAHomeAssistantMotionSensorAndAnEvent() throws Exception {
    try (BrokerHub hub = BrokerHub.start(data)) {
      var context = hub.hub.context();
      Camera porch =
          BrokerHub.await(
              context
                  .cameras()
                  .create(
                      Principal.HUB,
                      "rtsp",
                      new Camera(null, "Porch", URI.create("rtsp://127.0.0.1:9/x"), null, null)));
      Paho ha = Paho.connect(hub.url(), "homeassistant", hub.ownerToken, true);
      try {
        ha.subscribe("homeassistant/#", 1);
        ha.subscribe("hearth/#", 1);
        context.devices().report(porch.id(), Capability.MOTION, true, System.currentTimeMillis());
        String topic = "homeassistant/binary_sensor/hearth_" + porch.id() + "_motion/config";
        Map<String, String> seen = new ConcurrentHashMap<>();
        Eventually.holdsWithin(
            Duration.ofSeconds(15),
            () -> {
              ha.drain().forEach(r -> seen.put(r.topic(), r.payload()));
              return seen.containsKey(topic)
                  && "true".equals(seen.get("hearth/" + porch.id() + "/motion"));
            });
        JsonObject doc = new JsonObject(seen.get(topic));
        assertEquals("motion", doc.getString("device_class"));
        assertEquals("hearth/" + porch.id() + "/motion", doc.getString("state_topic"));
        assertEquals("Porch", doc.getJsonObject("device").getString("name"));
        List<String> verdicts = HaSchemas.check(Map.of(topic, seen.get(topic)));
        assertTrue(verdicts.get(0).startsWith("OK "), verdicts.toString());
        List<CameraEvent> events =
            Eventually.value(
                Duration.ofSeconds(10),
                "an event of the porch",
                () -> {
                  List<CameraEvent> page =
                      BrokerHub.await(
                              context
                                  .recordings()
                                  .events()
                                  .list(List.of(porch.id()), 0, Long.MAX_VALUE, 10, null))
                          .events();
                  return page.isEmpty() ? null : page;
                });
        assertEquals(1, events.size(), events.toString());
        assertEquals(CameraEvent.ONVIF, events.get(0).source());

        // Removed through the API, the camera's entities leave Home Assistant at once.
        java.net.http.HttpResponse<String> gone =
            io.hearth.api.ApiTestHubs.client(data, Duration.ofSeconds(10))
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            URI.create(
                                "https://localhost:"
                                    + context.ports().get("api.port")
                                    + "/api/v1/cameras/"
                                    + porch.id()))
                        .header("Authorization", "Bearer " + hub.ownerToken)
                        .DELETE()
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(204, gone.statusCode(), gone.body());
        String image = "homeassistant/image/hearth_" + porch.id() + "_event/config";
        Eventually.holdsWithin(
            Duration.ofSeconds(10),
            () -> {
              ha.drain().forEach(r -> seen.put(r.topic(), r.payload()));
              return "".equals(seen.get(topic)) && "".equals(seen.get(image));
            });
      } finally {
        ha.close();
      }
    }
  }
}
