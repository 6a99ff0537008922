package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.ApiModule;
import io.hearth.api.ApiTestHubs;
import io.hearth.runtime.Hub;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Mosquitto;
import io.hearth.runtime.testing.MosquittoSub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The usual Home Assistant set-up: one Mosquitto for everything ({@code api.mqtt.mode: external},
 * {@code mqtt.url} pointing at it). The hub's status, device states and discovery documents appear
 * there and pass HA's schemas, are said again on HA's birth message, HA can switch the demo lamp,
 * and a hub that vanishes is marked offline by its last will.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExternalBrokerTest {
  @TempDir Path dir;

  private Hub start(Mosquitto broker, String... more) throws Exception {
    List<String> sets =
        new java.util.ArrayList<>(
            List.of(
                "demo-sensors.enabled=true", "api.mqtt.mode=external", "mqtt.url=" + broker.url()));
    sets.addAll(List.of(more));
    return ApiTestHubs.builder(dir.resolve("data"))
        .modules(
            List.of(
                new ApiModule(),
                new io.hearth.runtime.demo.DemoSensors(),
                new io.hearth.adapters.mqtt.MqttModule()))
        .overrides(sets.toArray(String[]::new))
        .start()
        .hub();
  }

  @Test
  void homeAssistantOnTheExternalBrokerSeesEveryDeviceAndSwitchesTheLamp() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir)) {
      Hub hub = start(broker);
      try {
        Map<String, String> seen =
            Eventually.value(
                Duration.ofSeconds(15),
                "the hub online with its documents on the external broker",
                () -> {
                  Map<String, String> now = retained(broker, "homeassistant/#", "hearth/#");
                  long docs = now.keySet().stream().filter(t -> t.endsWith("/config")).count();
                  return "online".equals(now.get("hearth/status")) && docs >= 6 ? now : null;
                });
        Map<String, String> docs = new LinkedHashMap<>();
        seen.forEach(
            (t, p) -> {
              if (t.endsWith("/config")) {
                docs.put(t, p);
              }
            });
        List<String> verdicts = HaSchemas.check(docs);
        assertEquals(List.of(), verdicts.stream().filter(v -> !v.startsWith("OK ")).toList());

        SensorDevice lamp = device(hub, "demo:lamp");
        assertTrue(
            seen.containsKey("hearth/" + lamp.id() + "/availability"), seen.keySet()::toString);
        broker.publish("hearth/" + lamp.id() + "/switch/set", "ON", false);
        Eventually.check(
            Duration.ofSeconds(10),
            "the lamp switched on from the external broker",
            () -> Boolean.TRUE.equals(state(hub, lamp, Capability.SWITCH)));
      } finally {
        hub.stop();
      }
      assertEquals("offline", retained(broker, "hearth/status").get("hearth/status"));
    }
  }

  @Test
  void homeAssistantsBirthMessageBringsTheDocumentsBack() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir)) {
      Hub hub = start(broker);
      try {
        String topic =
            "homeassistant/light/hearth_" + device(hub, "demo:lamp").id() + "_light/config";
        Eventually.check(
            Duration.ofSeconds(10),
            "the lamp's document",
            () -> retained(broker, topic).containsKey(topic));
        broker.publish(topic, "", true); // HA (or a person) cleared it
        try (MosquittoSub sub = broker.subscribe(1, topic)) {
          broker.publish("homeassistant/status", "online", false);
          String line = sub.nextOn(topic, 10_000);
          assertTrue(
              line != null && line.contains("\"unique_id\""),
              "no document after HA's birth: " + line);
        }
      } finally {
        hub.stop();
      }
    }
  }

  @Test
  void commandsFromTheExternalBrokerCanBeTurnedOff() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir)) {
      Hub hub = start(broker, "api.mqtt.external-commands=false");
      try {
        SensorDevice lamp = device(hub, "demo:lamp");
        Object before = state(hub, lamp, Capability.SWITCH);
        String word = Boolean.TRUE.equals(before) ? "OFF" : "ON";
        Eventually.check(
            Duration.ofSeconds(15),
            "the hub online on the external broker",
            () -> "online".equals(retained(broker, "hearth/status").get("hearth/status")));
        broker.publish("hearth/" + lamp.id() + "/switch/set", word, false);
        Eventually.throughout(
            Duration.ofSeconds(2),
            "the lamp untouched by a command from the external broker",
            () -> {
              try {
                return java.util.Objects.equals(before, state(hub, lamp, Capability.SWITCH));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
        assertEquals(before, state(hub, lamp, Capability.SWITCH));
      } finally {
        hub.stop();
      }
    }
  }

  private static SensorDevice device(Hub hub, String address) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(10),
        address,
        () ->
            Await.get(hub.context().devices().list()).stream()
                .filter(d -> d.address().equals(address))
                .findFirst()
                .orElse(null));
  }

  private static Object state(Hub hub, SensorDevice device, Capability cap) throws Exception {
    return Await.get(hub.context().devices().events().state(device.id())).stream()
        .filter(e -> e.capability() == cap)
        .map(e -> e.value())
        .findFirst()
        .orElse(null);
  }

  /** What the broker holds retained on these filters, read with mosquitto_sub's retained-only. */
  private static Map<String, String> retained(Mosquitto broker, String... filters)
      throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> args = new java.util.ArrayList<>(List.of("--retained-only", "-v", "-W", "2"));
    for (String f : filters) {
      args.add("-t");
      args.add(f);
    }
    Process p =
        new ProcessBuilder(broker.client("mosquitto_sub", args.toArray(String[]::new)))
            .redirectErrorStream(true)
            .start();
    List<String> lines;
    try (var in = p.inputReader(java.nio.charset.StandardCharsets.UTF_8)) {
      lines = in.lines().toList();
    }
    p.waitFor(10, TimeUnit.SECONDS);
    for (String line : lines) {
      int space = line.indexOf(' ');
      if (space > 0) {
        out.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return out;
  }
}
