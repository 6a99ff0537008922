package io.hearth.adapters.mqtt;

import static io.hearth.adapters.mqtt.HubFixture.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Mosquitto;
import io.hearth.runtime.testing.MosquittoSub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Broker outages, a full command queue, credentials, and running without a broker. */
class MqttOutageTest {
  @TempDir Path dir;

  @Test
  @Timeout(60)
  void commandSentDuringAnOutageArrivesAfterTheBrokerReturns() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir);
        HubFixture hub = new HubFixture(dir.resolve("data"), "mqtt.url=" + broker.url());
        MosquittoSub lamp = durableSubscriber(broker, "cmnd/lamp/POWER")) {
      SensorDevice device = lampAppears(broker, hub);

      broker.stop();
      hub.awaitConnected(false);
      Await.get(hub.devices().command(OWNER, device.id(), Capability.SWITCH, false));
      assertEquals(1, hub.bridge().queued(), "held while the broker is away");
      broker.restart();

      assertEquals("cmnd/lamp/POWER OFF", lamp.nextOn("cmnd/lamp/POWER", 30_000));
      hub.awaitConnected(true);
      assertEquals(0, hub.bridge().queued());
    }
  }

  @Test
  @Timeout(60)
  void aFullQueueRefusesTheCommandWith503() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir);
        HubFixture hub =
            new HubFixture(dir.resolve("data"), "mqtt.url=" + broker.url(), "mqtt.queue-limit=2")) {
      SensorDevice device = lampAppears(broker, hub);
      broker.stop();
      hub.awaitConnected(false);

      Await.get(hub.devices().command(OWNER, device.id(), Capability.SWITCH, true));
      Await.get(hub.devices().command(OWNER, device.id(), Capability.SWITCH, false));
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> Await.get(hub.devices().command(OWNER, device.id(), Capability.SWITCH, true)));

      HubException e = assertInstanceOf(HubException.class, refused.getCause());
      assertEquals(503, e.status());
      assertEquals("the MQTT broker is unreachable; the command was not sent", e.getMessage());
      assertEquals(2, hub.bridge().queued());
    }
  }

  @Test
  @Timeout(60)
  void connectsWithTheRightPasswordOnly() throws Exception {
    try (Mosquitto broker = Mosquitto.start(dir, "hub", "s3cret");
        HubFixture wrong =
            new HubFixture(
                dir.resolve("wrong"),
                "mqtt.url=" + broker.url(),
                "mqtt.username=hub",
                "mqtt.password=guess");
        HubFixture right =
            new HubFixture(
                dir.resolve("right"),
                "mqtt.url=" + broker.url(),
                "mqtt.username=hub",
                "mqtt.password=s3cret")) {
      right.awaitConnected(true);
      broker.publish("hub", "s3cret", "zigbee2mqtt/door", "{\"contact\":true}");

      SensorDevice door = right.awaitDevice("z2m:door");
      assertEquals(true, right.awaitState(door.id(), Capability.CONTACT, true));
      assertFalse(wrong.bridge().connected());
      assertTrue(wrong.find("z2m:door").isEmpty(), "nothing reaches a hub refused by the broker");
      assertFalse(right.bridge().settings().toString().contains("s3cret"), "password masked");
    }
  }

  @Test
  @Timeout(30)
  void withoutAnyBrokerRunningItTakesMessagesFromTheLocalSourceAndRefusesCommands()
      throws Exception {
    try (HubFixture hub = new HubFixture(dir.resolve("data"))) {
      hub.bridge()
          .accept("zigbee2mqtt/lamp", "{\"state\":\"ON\"}".getBytes(StandardCharsets.UTF_8));
      SensorDevice lamp = hub.awaitDevice("z2m:lamp");
      hub.awaitState(lamp.id(), Capability.SWITCH, true);

      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> Await.get(hub.devices().command(OWNER, lamp.id(), Capability.SWITCH, false)));
      HubException e = assertInstanceOf(HubException.class, refused.getCause());
      assertEquals(503, e.status());
      assertEquals("mqtt_unreachable", e.code());
    }
  }

  private static SensorDevice lampAppears(Mosquitto broker, HubFixture hub) throws Exception {
    hub.awaitConnected(true);
    // Retained: the bridge may be connected before its subscriptions are in place.
    broker.publish("stat/lamp/POWER", "ON", true);
    SensorDevice device = hub.awaitDevice("tasmota:lamp");
    hub.awaitState(device.id(), Capability.SWITCH, true);
    return device;
  }

  /** A mosquitto_sub with a durable session, so it gets what was published while it was away. */
  private static MosquittoSub durableSubscriber(Mosquitto broker, String topic) throws Exception {
    MosquittoSub sub =
        new MosquittoSub(
            new ProcessBuilder(
                    broker.client(
                        "mosquitto_sub",
                        "-v",
                        "-c",
                        "-i",
                        "lamp-watcher",
                        "-q",
                        "1",
                        "-t",
                        topic,
                        "-t",
                        "probe/lamp"))
                .redirectErrorStream(true)
                .start());
    sub.awaitReady(broker, "probe/lamp");
    return sub;
  }
}
