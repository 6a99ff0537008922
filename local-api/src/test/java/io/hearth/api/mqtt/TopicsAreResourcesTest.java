package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topics on the hub's broker are resources (DESIGN promise 2): a message about a device reaches a
 * client only if that client may see the device now, whatever filter it used, for retained
 * messages, convention topics, discovery documents and a persistent session's queue alike. Each
 * test plays the attacker against real devices: a zigbee2mqtt bridge and a Tasmota plug publishing
 * to the hub with device tokens, adapted by the hub's MQTT adapter; and checks the device names and
 * ids in what the attacker received.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TopicsAreResourcesTest {
  static final long QUIET_MS = 1_500;

  @TempDir static Path data;
  static BrokerHub hub;
  static SensorDevice nursery;
  static SensorDevice garage;

  @BeforeAll
  static void start() throws Exception {
    hub = BrokerHub.startWithAdapter(data);
    Paho bridge = Paho.connect(hub.url(), "z2m-bridge", hub.automationToken(), true);
    bridge.publish("zigbee2mqtt/Nursery sensor", "{\"temperature\":21.5}", 1, true);
    bridge.publish("zigbee2mqtt/Garage sensor", "{\"temperature\":9.5}", 1, true);
    bridge.publish(
        "zigbee2mqtt/bridge/info", "{\"note\":\"Nursery sensor, Garage sensor\"}", 1, true);
    bridge.close();
    nursery = awaitDevice("z2m:Nursery sensor");
    garage = awaitDevice("z2m:Garage sensor");
    // The hub announces both to Home Assistant; wait until the owner can read both documents.
    Paho owner = Paho.connect(hub.url(), "owner-check", hub.ownerToken, true);
    owner.subscribe("homeassistant/#", 1);
    List<String> seen = new CopyOnWriteArrayList<>();
    Eventually.holdsWithin(
        Duration.ofSeconds(20),
        () -> {
          owner.drain().forEach(r -> seen.add(r.topic() + " " + r.payload()));
          return mentions(seen, nursery) && mentions(seen, garage);
        });
    owner.close();
    assertTrue(
        mentions(seen, nursery) && mentions(seen, garage), "no discovery documents: " + seen);
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void aTokenWithoutAGrantLearnsNoDeviceFromDiscoveryConventionOrHubTopics() throws Exception {
    Paho stranger = Paho.connect(hub.url(), "stranger", hub.automationToken(), true);
    try {
      List<Integer> granted = new ArrayList<>();
      for (String filter : List.of("homeassistant/#", "zigbee2mqtt/#", "hearth/#")) {
        granted.add(stranger.subscribe(filter, 1));
      }
      List<String> got = drain(stranger);
      // The hub's own online word names no device and is anyone's (Home Assistant needs it).
      assertEquals(
          List.of("hearth/status online"),
          got,
          "a token without grants read messages naming devices");
      assertFalse(granted.contains(128), "wildcards are filtered per message, not refused");
      assertEquals(128, stranger.subscribe("$SYS/#", 0));
      assertEquals(128, stranger.subscribe("#", 0));
    } finally {
      stranger.close();
    }
  }

  @Test
  void aGrantOnOneDeviceReadsThatDeviceAloneThroughEveryWildcard() throws Exception {
    String token = hub.automationToken();
    Principal who = BrokerHub.await(hub.hub.context().tokens().authenticate(token));
    hub.grant(who.id(), nursery.id(), Scope.EVENTS);
    Paho granted = Paho.connect(hub.url(), "nursery-only", token, true);
    try {
      for (String filter : List.of("homeassistant/#", "zigbee2mqtt/#", "hearth/+/temperature")) {
        granted.subscribe(filter, 1);
      }
      hub.hub.context().devices().report(garage.id(), Capability.TEMPERATURE, 8.5, 0);
      hub.hub.context().devices().report(nursery.id(), Capability.TEMPERATURE, 22.5, 0);
      List<String> got = drain(granted);
      assertTrue(got.stream().anyMatch(m -> m.startsWith("zigbee2mqtt/Nursery sensor")), "" + got);
      assertTrue(got.stream().anyMatch(m -> m.startsWith("homeassistant/")), "" + got);
      assertTrue(got.stream().anyMatch(m -> m.startsWith("hearth/" + nursery.id())), "" + got);
      assertFalse(mentions(got, garage), "the garage reached a token granted the nursery: " + got);
      assertFalse(got.stream().anyMatch(m -> m.contains("bridge/info")), "" + got);
    } finally {
      granted.close();
    }
  }

  @Test
  void aDeviceReadsItsOwnCommandsAndNoOtherTokenDoes() throws Exception {
    Paho plug = Paho.connect(hub.url(), "tasmota_plug7", hub.automationToken(), true);
    Paho stranger = Paho.connect(hub.url(), "cmnd-listener", hub.automationToken(), true);
    try {
      plug.publish("tele/plug7/SENSOR", "{\"ENERGY\":{\"Power\":42.5}}", 1, false);
      SensorDevice device = awaitDevice("tasmota:plug7");
      assertEquals(0, plug.subscribe("cmnd/plug7/#", 0));
      assertEquals(0, stranger.subscribe("cmnd/#", 0));
      BrokerHub.await(
          hub.hub
              .context()
              .devices()
              .commandChecked(Principal.HUB, device.id(), Capability.SWITCH, true));
      Paho.Received command = plug.next();
      assertTrue(command != null && command.topic().equals("cmnd/plug7/POWER"), "" + command);
      assertEquals(List.of(), drain(stranger), "another token read the plug's commands");
    } finally {
      plug.close();
      stranger.close();
    }
  }

  @Test
  void aCommandSentOverMqttIsAuditedAsWhoeverSentIt() throws Exception {
    Paho plug = Paho.connect(hub.url(), "tasmota_plug9", hub.automationToken(), true);
    String token = hub.automationToken();
    Principal rules = BrokerHub.await(hub.hub.context().tokens().authenticate(token));
    Paho automation = Paho.connect(hub.url(), "house-rules", token, true);
    try {
      plug.publish("tele/plug9/SENSOR", "{\"ENERGY\":{\"Power\":7.5}}", 1, false);
      SensorDevice device = awaitDevice("tasmota:plug9");
      hub.grant(rules.id(), device.id(), Scope.CONTROL);
      assertEquals(0, plug.subscribe("cmnd/plug9/#", 0));
      long start = System.currentTimeMillis();
      AtomicReference<Paho.Received> command = new AtomicReference<>();
      Eventually.holdsWithin(
          Duration.ofSeconds(10),
          () -> {
            // The grant reaches the broker's access check within a tick; publish until it has.
            automation.publish("hearth/" + device.id() + "/switch/set", "ON", 1, false);
            command.set(plug.received.poll(500, TimeUnit.MILLISECONDS));
            return command.get() != null;
          });
      assertTrue(
          command.get() != null && command.get().topic().equals("cmnd/plug9/POWER"),
          "" + command.get());
      // the audit row is written once the adapter has sent the command
      List<String> actors = new CopyOnWriteArrayList<>();
      Eventually.holdsWithin(
          Duration.ofMillis(start + 15_000 - System.currentTimeMillis()),
          () -> actors.addAll(commandActors(device.id())));
      assertTrue(!actors.isEmpty(), "the command was not audited");
      assertEquals(List.of("automation:" + rules.id()), actors.stream().distinct().toList());
    } finally {
      plug.close();
      automation.close();
    }
  }

  /**
   * The seeds' case: a persistent session holds messages in flight (received, not acknowledged) and
   * queued while its client is away; the grant is revoked meanwhile. On reconnect nothing of the
   * device may arrive: no resend (DUP), no queued message. The same without revocation delivers
   * them all, so the test can see deliveries.
   */
  @Test
  void aPersistentSessionRevokedWhileOfflineGetsNothingOfTheDeviceOnReconnect() throws Exception {
    assertEquals(10, offlineRound("kept", false), "without revocation every message is owed");
    assertEquals(0, offlineRound("revoked", true), "messages reached a revoked session");
  }

  private static List<String> commandActors(String deviceId) throws Exception {
    return BrokerHub.await(
        hub.hub
            .context()
            .database()
            .read(
                c ->
                    Sql.list(
                        c,
                        "SELECT actor FROM audit WHERE action = 'device.command' AND target = ?",
                        r -> r.getString(1),
                        deviceId)));
  }

  private static int offlineRound(String clientId, boolean revoke) throws Exception {
    String device = hub.device("dev_" + (revoke ? "rrrrrrrrrrrrrrrrrrrr" : "kkkkkkkkkkkkkkkkkkkk"));
    String token = hub.automationToken();
    Principal who = BrokerHub.await(hub.hub.context().tokens().authenticate(token));
    hub.grant(who.id(), device, Scope.EVENTS);
    String topic = "hearth/" + device + "/door";
    List<String> first = new CopyOnWriteArrayList<>();
    MqttClient away = persistentClient(clientId, token, first, true);
    away.subscribe(topic, 1);
    for (int i = 0; i < 5; i++) {
      hub.broker().publish(topic, Buffer.buffer("in-flight " + i), 1, false);
    }
    awaitSize(first, 5);
    away.disconnectForcibly(0, 0, false);
    away.close(true);
    for (int i = 0; i < 5; i++) {
      hub.broker().publish(topic, Buffer.buffer("queued " + i), 1, false);
    }
    if (revoke) {
      BrokerHub.await(
          hub.hub
              .context()
              .database()
              .write(c -> Sql.update(c, "DELETE FROM \"grant\" WHERE principal_id = ?", who.id())));
      hub.hub.context().vertx().eventBus().publish("hearth.access.changed", null);
    }
    List<String> second = new CopyOnWriteArrayList<>();
    MqttClient back = persistentClient(clientId, token, second, false);
    Thread.sleep(QUIET_MS);
    back.disconnect();
    back.close(true);
    return second.size();
  }

  private static MqttClient persistentClient(
      String clientId, String token, List<String> into, boolean holdAcks) throws Exception {
    MqttClient client = new MqttClient(hub.url(), clientId, new MemoryPersistence());
    client.setTimeToWait(10_000);
    client.setManualAcks(holdAcks);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) {
            into.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken t) {}
        });
    MqttConnectOptions options = Paho.options(token, false);
    client.connect(options);
    return client;
  }

  private static void awaitSize(List<String> list, int size) throws InterruptedException {
    Eventually.holdsWithin(Duration.ofSeconds(10), () -> list.size() >= size);
    assertEquals(size, list.size(), "" + list);
  }

  /** Everything a client receives for a while, as "topic payload" lines. */
  private static List<String> drain(Paho client) throws InterruptedException {
    List<String> got = new ArrayList<>();
    long until = System.currentTimeMillis() + QUIET_MS;
    while (System.currentTimeMillis() < until) {
      Paho.Received r = client.received.poll(100, TimeUnit.MILLISECONDS);
      if (r != null) {
        got.add(r.topic() + " " + r.payload());
      }
    }
    return got;
  }

  private static boolean mentions(List<String> messages, SensorDevice device) {
    String name = device.name().replace(" sensor", "");
    return messages.stream().anyMatch(m -> m.contains(device.id()) || m.contains(name));
  }

  private static SensorDevice awaitDevice(String address) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(20),
        "the adapter registers " + address,
        () ->
            BrokerHub.await(hub.hub.context().devices().list()).stream()
                .filter(d -> d.address().equals(address))
                .findFirst()
                .orElse(null));
  }
}
