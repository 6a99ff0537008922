package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing a device (the owner sold the thermometer): it is gone from the API, its grants with it,
 * and from what Home Assistant sees on the hub's broker (its discovery documents, state and
 * availability cleared at once, not at the next start), while the demo keeps reporting for it.
 * Nobody else may remove a device.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DeviceRemovalTest {
  @TempDir Path data;

  @Test
  void aRemovedDeviceLeavesTheApiItsGrantsAndHomeAssistant() throws Exception {
    try (TestHub hub =
        TestHub.start(
            data, List.of(new io.hearth.runtime.demo.DemoSensors()), "demo-sensors.enabled=true")) {
      SensorDevice thermometer = device(hub, "demo:thermometer");
      String id = thermometer.id();
      String automation = automation(hub, id);
      Map<String, String> retained = new ConcurrentHashMap<>();
      MqttClient ha = homeAssistant(hub, retained);
      Eventually.within(
          Duration.ofSeconds(10),
          "the thermometer's documents and state on the broker",
          () -> ownTopics(retained, id).size() >= 3);

      String member = hub.memberToken(List.of());
      assertEquals(403, hub.delete("/api/v1/devices/" + id, member).statusCode());
      assertEquals(204, hub.delete("/api/v1/devices/" + id, hub.ownerToken).statusCode());

      assertEquals(404, hub.get("/api/v1/devices/" + id, hub.ownerToken).statusCode());
      assertEquals(404, hub.delete("/api/v1/devices/" + id, hub.ownerToken).statusCode());
      assertEquals(
          List.of(),
          Await.get(hub.hub.context().grants().forPrincipal(PrincipalKind.AUTOMATION, automation)));
      Eventually.within(
          Duration.ofSeconds(5),
          "every retained topic of the removed device cleared",
          () -> ownTopics(retained, id).isEmpty());
      // The demo keeps reporting for the id it holds: nothing comes back.
      Eventually.throughout(
          Duration.ofSeconds(3),
          "the removed device stays off the broker",
          () -> ownTopics(retained, id).isEmpty());
      ha.disconnect();
    }
  }

  /** Topics of this device that hold a retained, non-empty message now. */
  private static Set<String> ownTopics(Map<String, String> retained, String id) {
    return retained.entrySet().stream()
        .filter(e -> e.getKey().contains(id) && !e.getValue().isEmpty())
        .map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toSet());
  }

  private static MqttClient homeAssistant(TestHub hub, Map<String, String> retained)
      throws Exception {
    int port = hub.hub.context().ports().get("api.mqtt.port");
    MqttClient client =
        new MqttClient("tcp://127.0.0.1:" + port, "homeassistant", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName("ha");
    options.setPassword(hub.ownerToken.toCharArray());
    client.connect(options);
    client.subscribe(
        new String[] {"homeassistant/#", "hearth/#"},
        new int[] {1, 1},
        new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
          (t, m) -> retained.put(t, new String(m.getPayload())),
          (t, m) -> retained.put(t, new String(m.getPayload()))
        });
    return client;
  }

  private static String automation(TestHub hub, String deviceId) throws Exception {
    var owner = Await.get(hub.hub.context().tokens().authenticate(hub.ownerToken));
    String secret =
        Await.get(
                hub.hub
                    .context()
                    .tokens()
                    .issue(
                        owner,
                        PrincipalKind.AUTOMATION,
                        io.hearth.runtime.domain.Ids.newId("aut"),
                        "rules",
                        null))
            .secret();
    var automation = Await.get(hub.hub.context().tokens().authenticate(secret));
    Await.get(
        hub.hub
            .context()
            .grants()
            .put(
                owner,
                PrincipalKind.AUTOMATION,
                automation.id(),
                deviceId,
                Set.of(Scope.EVENTS),
                false,
                null));
    assertEquals(
        1,
        Await.get(
                hub.hub.context().grants().forPrincipal(PrincipalKind.AUTOMATION, automation.id()))
            .size());
    return automation.id();
  }

  private static SensorDevice device(TestHub hub, String address) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(10),
        address,
        () ->
            Await.get(hub.hub.context().devices().list()).stream()
                .filter(d -> d.address().equals(address))
                .findFirst()
                .orElse(null));
  }
}
