package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Home Assistant sees the demo's devices as a user would want: a Paho client reads {@code
 * homeassistant/#} and {@code hearth/#} from a hub running {@code hearth demo}'s simulated devices
 * and plays Home Assistant. Every document passes HA's own discovery schemas (ported, {@link
 * HaSchemas}); every entity is available within 5 s of the hub's start (HA's {@code
 * availability_mode: all} evaluated on what was received); names are not doubled; the dimmable lamp
 * is one light that the commands HA sends drive; a birth message brings the documents again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HomeAssistantDiscoveryTest {
  static final long AVAILABLE_WITHIN_MS = 5_000;

  @TempDir static Path data;
  static BrokerHub hub;
  static Paho ha;
  static long startedAt;
  static final Map<String, String> retained = new LinkedHashMap<>();
  static long availableAfterMs = -1;

  @BeforeAll
  static void start() throws Exception {
    hub = BrokerHub.startDemo(data);
    startedAt = System.currentTimeMillis();
    ha = Paho.connect(hub.url(), "homeassistant", hub.ownerToken, true);
    ha.subscribe("homeassistant/#", 1);
    ha.subscribe("hearth/#", 1);
    // every document for at least 1.5 s, and when every entity was first available (20 s at most)
    Eventually.holdsWithin(
        Duration.ofMillis(startedAt + 20_000 - System.currentTimeMillis()),
        () -> {
          ha.drain().forEach(r -> retained.put(r.topic(), r.payload()));
          if (availableAfterMs < 0 && allAvailable()) {
            availableAfterMs = System.currentTimeMillis() - startedAt;
          }
          return availableAfterMs >= 0 && System.currentTimeMillis() - startedAt > 1_500;
        });
  }

  @AfterAll
  static void stop() throws Exception {
    if (ha != null) {
      ha.close();
    }
    hub.close();
  }

  /** What HA would show: every demo device's documents arrived, each entity available. */
  static boolean allAvailable() throws Exception {
    List<SensorDevice> devices = BrokerHub.await(hub.hub.context().devices().list());
    if (devices.size() < 3) {
      return false;
    }
    for (SensorDevice device : devices) {
      List<JsonObject> docs = documentsOf(device);
      if (docs.isEmpty()) {
        return false;
      }
      for (JsonObject doc : docs) {
        if (!available(doc)) {
          return false;
        }
      }
    }
    return true;
  }

  /** HA's MqttAvailabilityMixin: with no topics available; "all" needs every one online. */
  static boolean available(JsonObject doc) {
    JsonArray topics = doc.getJsonArray("availability");
    String single = doc.getString("availability_topic");
    if (single != null) {
      return "online".equals(retained.get(single));
    }
    if (topics == null) {
      return true;
    }
    boolean all = "all".equals(doc.getString("availability_mode"));
    int online = 0;
    for (Object o : topics) {
      JsonObject t = (JsonObject) o;
      String want = t.getString("payload_available", "online");
      online += want.equals(retained.get(t.getString("topic"))) ? 1 : 0;
    }
    return all ? online == topics.size() : online > 0;
  }

  static List<JsonObject> documentsOf(SensorDevice device) {
    return retained.entrySet().stream()
        .filter(e -> e.getKey().startsWith("homeassistant/") && e.getKey().endsWith("/config"))
        .filter(e -> !e.getValue().isEmpty() && e.getValue().contains("hearth_" + device.id()))
        .map(e -> new JsonObject(e.getValue()).put("$topic", e.getKey()))
        .toList();
  }

  static SensorDevice demo(String address) throws Exception {
    return BrokerHub.await(hub.hub.context().devices().list()).stream()
        .filter(d -> d.address().equals(address))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theDemosDevicesAreAvailableWithinFiveSecondsOfStart() {
    System.out.println(
        "HA availability: every demo entity online " + availableAfterMs + " ms after start");
    assertTrue(
        availableAfterMs >= 0 && availableAfterMs <= AVAILABLE_WITHIN_MS,
        "entities not all available within 5 s (" + availableAfterMs + " ms): " + retained);
  }

  @Test
  void everyDocumentPassesHomeAssistantsSchemas() throws Exception {
    Map<String, String> docs = new LinkedHashMap<>();
    retained.forEach(
        (topic, payload) -> {
          if (topic.startsWith("homeassistant/") && topic.endsWith("/config")) {
            docs.put(topic, payload);
          }
        });
    assertTrue(docs.size() >= 6, "too few documents: " + docs.keySet());
    List<String> verdicts = HaSchemas.check(docs);
    assertEquals(docs.size(), verdicts.size(), verdicts.toString());
    assertEquals(
        List.of(), verdicts.stream().filter(v -> !v.startsWith("OK ")).toList(), "" + docs);
    for (String topic : docs.keySet()) {
      JsonObject doc = new JsonObject(docs.get(topic));
      String device = TopicOwners.hubDevice(topic);
      boolean hubOwn = doc.getString("unique_id").startsWith("hearth_hub_");
      assertTrue(hubOwn ? device == null : doc.getString("unique_id").contains(device), topic);
    }
  }

  @Test
  void namesAreComposedByHomeAssistantNotDoubled() throws Exception {
    for (String address : List.of("demo:thermometer", "demo:motion", "demo:lamp")) {
      SensorDevice device = demo(address);
      for (JsonObject doc : documentsOf(device)) {
        String entity = doc.getString("name");
        String shown = device.name() + (entity == null ? "" : " " + entity);
        assertFalse(
            entity != null && entity.toLowerCase().contains(device.name().toLowerCase()),
            "doubled: " + shown);
        assertEquals(device.name(), doc.getJsonObject("device").getString("name"));
        assertNotNull(doc.getJsonObject("device").getString("via_device"), doc.encode());
        assertEquals("Hearth", doc.getJsonObject("origin").getString("name"));
        assertTrue(doc.getJsonObject("device").getString("configuration_url").endsWith("/admin/"));
      }
    }
    JsonObject temperature = entity(demo("demo:thermometer"), "sensor", "temperature");
    assertEquals("Temperature", temperature.getString("name"));
    assertEquals("measurement", temperature.getString("state_class"));
    assertEquals("°C", temperature.getString("unit_of_measurement"));
    assertFalse(
        "mqtt".equals(temperature.getJsonObject("device").getString("model")),
        "the model says the protocol of the hub's own API");
  }

  @Test
  void theDimmableLampIsOneLightThatHomeAssistantsCommandsDrive() throws Exception {
    SensorDevice lamp = demo("demo:lamp");
    List<JsonObject> docs = documentsOf(lamp);
    assertEquals(1, docs.size(), "a dimmable lamp is one entity: " + docs);
    JsonObject light = docs.get(0);
    assertTrue(light.getString("$topic").startsWith("homeassistant/light/"), light.encode());
    assertTrue(light.containsKey("name") && light.getValue("name") == null, light.encode());
    assertEquals(100, light.getInteger("brightness_scale"));
    // HA with on_command_type "last": the brightness (on the scale it was told), then payload_on.
    Paho client = Paho.connect(hub.url(), "ha-commands", hub.ownerToken, true);
    try {
      client.subscribe(light.getString("brightness_state_topic"), 1);
      client.subscribe(light.getString("state_topic"), 1);
      client.publish(light.getString("brightness_command_topic"), "42", 1, false);
      client.publish(light.getString("command_topic"), light.getString("payload_on"), 1, false);
      Map<String, String> seen = new ConcurrentHashMap<>();
      Eventually.holdsWithin(
          Duration.ofSeconds(10),
          () -> {
            client.drain().forEach(r -> seen.put(r.topic(), r.payload()));
            return "42.0".equals(seen.get(light.getString("brightness_state_topic")))
                && "true".equals(seen.get(light.getString("state_topic")));
          });
      assertEquals("42.0", seen.get(light.getString("brightness_state_topic")), "" + seen);
      assertEquals("true", seen.get(light.getString("state_topic")), "" + seen);
    } finally {
      client.close();
    }
  }

  @Test
  void homeAssistantsBirthMessageBringsEveryDocumentAgain() throws Exception {
    Paho fresh = Paho.connect(hub.url(), "ha-restarted", hub.ownerToken, true);
    try {
      fresh.subscribe("homeassistant/+/+/config", 1);
      while (fresh.received.poll(500, TimeUnit.MILLISECONDS) != null) {
        // the retained copies
      }
      fresh.publish("homeassistant/status", "online", 1, false);
      AtomicInteger counted = new AtomicInteger();
      Eventually.holdsWithin(
          Duration.ofSeconds(10),
          () -> {
            for (Paho.Received r; counted.get() < 5 && (r = fresh.received.poll()) != null; ) {
              counted.addAndGet(!r.retained() && !r.payload().isEmpty() ? 1 : 0);
            }
            return counted.get() >= 5;
          });
      int live = counted.get();
      assertTrue(live >= 5, "documents after the birth message: " + live);
    } finally {
      fresh.close();
    }
  }

  static JsonObject entity(SensorDevice device, String component, String capability) {
    return documentsOf(device).stream()
        .filter(
            d ->
                d.getString("$topic")
                    .equals(
                        "homeassistant/"
                            + component
                            + "/hearth_"
                            + device.id()
                            + "_"
                            + capability
                            + "/config"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + component + " " + capability));
  }
}
