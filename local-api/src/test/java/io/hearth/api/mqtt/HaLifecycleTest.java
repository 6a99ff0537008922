package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.SensorDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Across a restart: a stopping hub leaves {@code hearth/status} offline, retained (what a last will
 * would say), and a starting hub clears the retained discovery documents of devices it no longer
 * has and of entities a device no longer has (the lamp's old switch, now a light).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HaLifecycleTest {
  @TempDir Path data;

  @Test
  void aStoppedHubSaysOfflineAndARestartedOneClearsWhatIsGone() throws Exception {
    String lampSwitch;
    String gone = "homeassistant/sensor/hearth_dev_aaaaaaaaaaaaaaaaaaaa_temperature/config";
    BrokerHub first = BrokerHub.startDemo(data);
    try {
      SensorDevice lamp = lamp(first);
      lampSwitch = "homeassistant/switch/hearth_" + lamp.id() + "_switch/config";
      Paho owner = Paho.connect(first.url(), "old-documents", first.ownerToken, true);
      owner.publish(gone, "{\"name\":\"Gone\",\"state_topic\":\"hearth/x/temperature\"}", 1, true);
      owner.publish(lampSwitch, "{\"name\":null,\"command_topic\":\"hearth/x/set\"}", 1, true);
      owner.close();
    } finally {
      first.close();
    }
    assertEquals("offline", storedRetained("hearth/status"), "the hub stopped without a word");

    BrokerHub second = BrokerHub.startDemo(data);
    try {
      Paho ha = Paho.connect(second.url(), "homeassistant", second.ownerToken, true);
      ha.subscribe("homeassistant/#", 1);
      ha.subscribe("hearth/status", 1);
      Map<String, String> got = new HashMap<>();
      for (Paho.Received r = ha.next(); r != null; r = ha.received.poll(1, TimeUnit.SECONDS)) {
        got.put(r.topic(), r.payload());
      }
      ha.close();
      assertEquals("online", got.get("hearth/status"));
      assertFalse(got.containsKey(gone), "a document of a device the hub no longer has: " + got);
      assertFalse(got.containsKey(lampSwitch), "the lamp's old switch document is still there");
      assertTrue(
          got.containsKey("homeassistant/light/hearth_" + lamp(second).id() + "_light/config"),
          "" + got.keySet());
    } finally {
      second.close();
    }
  }

  private static SensorDevice lamp(BrokerHub hub) throws Exception {
    return BrokerHub.await(hub.hub.context().devices().list()).stream()
        .filter(d -> d.address().equals("demo:lamp"))
        .findFirst()
        .orElseThrow();
  }

  private String storedRetained(String topic) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hearth.db"));
        PreparedStatement q =
            c.prepareStatement("SELECT payload FROM mqtt_retained WHERE topic = ?")) {
      q.setString(1, topic);
      try (ResultSet row = q.executeQuery()) {
        return row.next() ? new String(row.getBytes(1), StandardCharsets.UTF_8) : null;
      }
    }
  }
}
