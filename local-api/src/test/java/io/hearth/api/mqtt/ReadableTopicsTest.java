package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.testing.Eventually;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readable topics {@code hearth/<slug>.<id>/...}: state arrives there (and on the old id-only
 * topics), commands are taken there, and the grant promise holds on them exactly as on the old
 * ones: the id in the level decides, so a borrowed name never reaches another device.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadableTopicsTest {
  @TempDir Path dir;

  @Test
  void stateAndCommandsUseTheReadableTopicUnderTheSameGrants() throws Exception {
    try (BrokerHub hub = BrokerHub.startDemo(dir.resolve("data"))) {
      String thermometer = named(hub, "Living room thermometer");
      String lamp = named(hub, "Desk lamp");
      String reader = hub.tokenWith(thermometer, Scope.EVENTS);
      String switcher = hub.tokenWith(lamp, Scope.EVENTS, Scope.CONTROL);

      Paho readerClient = Paho.connect(hub.url(), "reader", reader, true);
      assertEquals(1, readerClient.subscribe("hearth/+/+", 1));
      List<String> topics = new ArrayList<>();
      Eventually.check(
          Duration.ofSeconds(10),
          "the thermometer on its readable topic",
          () -> {
            Paho.Received r = readerClient.received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null) {
              topics.add(r.topic());
            }
            return topics.contains("hearth/living-room-thermometer." + thermometer + "/temperature")
                && topics.contains("hearth/" + thermometer + "/temperature");
          });
      assertTrue(topics.stream().noneMatch(t -> t.contains(lamp)), "no lamp topic without a grant");
      assertEquals(
          128, readerClient.subscribe("hearth/desk-lamp." + lamp + "/switch", 1), "nor by name");

      // A reader without control borrows the thermometer's name for the lamp's id: refused.
      Paho owner = Paho.connect(hub.url(), "owner", hub.ownerToken, true);
      assertEquals(1, owner.subscribe("hearth/desk-lamp." + lamp + "/switch", 1));
      Paho thief = Paho.connect(hub.url(), "thief", reader, true);
      thief.publish("hearth/living-room-thermometer." + lamp + "/switch/set", "ON", 0, false);
      assertNull(owner.nothing(), "the borrowed name switched nothing");

      Paho switcherClient = Paho.connect(hub.url(), "switcher", switcher, true);
      switcherClient.publish("hearth/desk-lamp." + lamp + "/switch/set", "ON", 1, false);
      Paho.Received on = owner.next();
      assertEquals("true", on == null ? null : on.payload(), "switched through the named topic");
      for (Paho client : List.of(readerClient, thief, owner, switcherClient)) {
        client.close();
      }
    }
  }

  private static String named(BrokerHub hub, String name) throws Exception {
    return BrokerHub.await(hub.hub.context().devices().list()).stream()
        .filter(d -> name.equals(d.name()))
        .map(SensorDevice::id)
        .findFirst()
        .orElseThrow();
  }
}
