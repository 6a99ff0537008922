package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker against real peers (Paho v3, mosquitto clients) in a real hub. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BrokerTest {
  @TempDir static Path data;
  static BrokerHub hub;
  static String devA;
  static String devB;

  @BeforeAll
  static void start() throws Exception {
    hub = BrokerHub.start(data, "api.mqtt.max-publish-rate=200");
    devA = hub.device("dev_aaaaaaaaaaaaaaaaaaaa");
    devB = hub.device("dev_bbbbbbbbbbbbbbbbbbbb");
  }

  @AfterAll
  static void stop() {
    hub.close();
  }

  @Test
  void aBadPasswordIsRefusedWithTheBadCredentialsCode() {
    MqttException refused =
        assertThrows(MqttException.class, () -> Paho.connect(hub.url(), "bad", "hth_wrong", true));
    assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode());
  }

  @Test
  void qosIsDeliveredAtTheLowerOfPublishAndSubscription() throws Exception {
    Paho sub = Paho.connect(hub.url(), "qos-sub", hub.ownerToken, true);
    Paho pub = Paho.connect(hub.url(), "qos-pub", hub.ownerToken, true);
    try {
      assertEquals(2, sub.subscribe("q/two", 2));
      assertEquals(1, sub.subscribe("q/one", 1));
      for (int qos = 0; qos <= 2; qos++) {
        pub.publish("q/two", "t" + qos, qos, false);
        assertEquals(new Paho.Received("q/two", "t" + qos, qos, false), sub.next());
        pub.publish("q/one", "o" + qos, qos, false);
        assertEquals(new Paho.Received("q/one", "o" + qos, Math.min(qos, 1), false), sub.next());
      }
    } finally {
      sub.close();
      pub.close();
    }
  }

  @Test
  void retainedStateReachesNewSubscribersUntilClearedByAnEmptyPayload() throws Exception {
    BrokerHub.await(
        hub.broker().publish("hearth/" + devA + "/temp", Buffer.buffer("21.5"), 1, true));
    Paho first = Paho.connect(hub.url(), "ret-1", hub.ownerToken, true);
    first.subscribe("hearth/" + devA + "/#", 1);
    assertEquals(new Paho.Received("hearth/" + devA + "/temp", "21.5", 1, true), first.next());
    first.publish("hearth/" + devA + "/temp", "", 1, true);
    assertEquals("", first.next().payload());
    first.close();
    Paho second = Paho.connect(hub.url(), "ret-2", hub.ownerToken, true);
    second.subscribe("hearth/" + devA + "/#", 1);
    assertNull(second.nothing());
    second.close();
  }

  @Test
  void mosquittoSubWithATokenReceivesHubState() throws Exception {
    Path sub = Peers.require("mosquitto_sub", "mosquitto-clients");
    BrokerHub.await(
        hub.broker().publish("hearth/" + devB + "/humidity", Buffer.buffer("40"), 0, true));
    Process p =
        new ProcessBuilder(
                MosquittoCli.againstHub(
                    hub.port(),
                    hub.ownerToken,
                    sub.toString(),
                    "-t",
                    "hearth/" + devB + "/humidity",
                    "-C",
                    "1",
                    "-v",
                    "-W",
                    "10"))
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(15, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals("hearth/" + devB + "/humidity 40", out);
  }

  @Test
  void aTokenScopedToOneDeviceCannotReadOrCommandAnother() throws Exception {
    String token = hub.tokenWith(devA, Scope.EVENTS, Scope.CONTROL);
    BlockingQueue<Message> commands = new LinkedBlockingQueue<>();
    BrokerHub.await(hub.broker().subscribe("hearth/+/switch/set", commands::add));
    Paho device = Paho.connect(hub.url(), "scoped", token, true);
    try {
      assertEquals(0, device.subscribe("hearth/" + devA + "/temp", 0));
      assertEquals(128, device.subscribe("hearth/" + devB + "/temp", 0));
      // A wildcard over devices is accepted, and filtered per message: only devA's state arrives.
      assertEquals(0, device.subscribe("hearth/+/humidity", 0));
      hub.broker().publish("hearth/" + devB + "/humidity", Buffer.buffer("41"), 0, false);
      hub.broker().publish("hearth/" + devA + "/humidity", Buffer.buffer("42"), 0, false);
      Paho.Received first = device.next();
      assertNotNull(first);
      assertEquals("hearth/" + devA + "/humidity 42", first.topic() + " " + first.payload());
      assertNull(device.nothing());
      // Paho keeps a listener even for a refused filter, so this comes after the deliveries.
      assertEquals(128, device.subscribe("#", 0));
      device.publish("hearth/" + devB + "/switch/set", "ON", 1, false);
      device.publish("hearth/" + devA + "/switch/set", "ON", 1, false);
      Message command = commands.poll(5, TimeUnit.SECONDS);
      assertNotNull(command);
      assertEquals("hearth/" + devA + "/switch/set", command.topic());
      assertNull(commands.poll(500, TimeUnit.MILLISECONDS));
    } finally {
      device.close();
    }
  }

  @Test
  void aDeviceTokenPublishingTasmotaTopicsReachesTheHub() throws Exception {
    String token = hub.automationToken();
    BlockingQueue<Message> heard = new LinkedBlockingQueue<>();
    BrokerHub.await(hub.broker().subscribe("tele/+/SENSOR", heard::add));
    Paho tasmota = Paho.connect(hub.url(), "tasmota_1", token, true);
    tasmota.publish("tele/tasmota_1/SENSOR", "{\"AM2301\":{\"Temperature\":20.1}}", 0, false);
    Message m = heard.poll(5, TimeUnit.SECONDS);
    assertNotNull(m);
    assertTrue(m.payload().toString().contains("20.1"));
    assertEquals(128, tasmota.subscribe("private/stuff", 0));
    tasmota.close();
  }

  @Test
  void revokingAGrantEndsTheSubscription() throws Exception {
    String token = hub.automationToken();
    String id = BrokerHub.await(hub.hub.context().tokens().authenticate(token)).id();
    hub.grant(id, devB, Scope.EVENTS);
    Paho viewer = Paho.connect(hub.url(), "revoked", token, true);
    viewer.subscribe("hearth/" + devB + "/door", 0);
    hub.broker().publish("hearth/" + devB + "/door", Buffer.buffer("open"), 0, false);
    assertEquals("open", viewer.next().payload());
    BrokerHub.await(
        hub.hub
            .context()
            .database()
            .write(
                c ->
                    io.hearth.runtime.store.Sql.update(
                        c, "DELETE FROM \"grant\" WHERE principal_id = ?", id)));
    hub.hub.context().vertx().eventBus().publish("hearth.access.changed", null);
    Thread.sleep(500);
    hub.broker().publish("hearth/" + devB + "/door", Buffer.buffer("closed"), 0, false);
    assertNull(viewer.nothing());
    viewer.close();
  }

  @Test
  void lastWillIsPublishedWhenAClientDiesButNotOnANormalDisconnect() throws Exception {
    Path sub = Peers.require("mosquitto_sub", "mosquitto-clients");
    Paho watcher = Paho.connect(hub.url(), "will-watch", hub.ownerToken, true);
    watcher.subscribe("wills/#", 1);
    Process dying =
        new ProcessBuilder(
                MosquittoCli.againstHub(
                    hub.port(),
                    hub.ownerToken,
                    sub.toString(),
                    "-t",
                    "nothing",
                    "--will-topic",
                    "wills/dying",
                    "--will-payload",
                    "gone",
                    "--will-qos",
                    "1",
                    "-i",
                    "dying"))
            .start();
    Thread.sleep(1000);
    dying.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    Paho.Received will = watcher.next();
    assertNotNull(will);
    assertEquals(new Paho.Received("wills/dying", "gone", 1, false), will);
    watcher.close();
  }

  @Test
  void aHugePayloadIsRefusedAndTheHubStaysUp() throws Exception {
    Paho sub = Paho.connect(hub.url(), "big-sub", hub.ownerToken, true);
    sub.subscribe("big/#", 0);
    Paho big = Paho.connect(hub.url(), "big-pub", hub.ownerToken, true);
    try {
      big.publish("big/one", "x".repeat(300 * 1024), 0, false);
    } catch (MqttException expected) {
      // the broker may close the connection before Paho finishes writing
    }
    assertNull(sub.nothing());
    Thread.sleep(300);
    assertFalse(big.client.isConnected());
    Paho after = Paho.connect(hub.url(), "big-after", hub.ownerToken, true);
    after.publish("big/small", "ok", 0, false);
    assertEquals("ok", sub.next().payload());
    after.close();
    sub.close();
  }

  @Test
  void aTopicFloodIsThrottledAndTheHubStaysUp() throws Exception {
    Paho sub = Paho.connect(hub.url(), "flood-sub", hub.ownerToken, true);
    sub.subscribe("flood/#", 0);
    Paho flood = Paho.connect(hub.url(), "flood-pub", hub.ownerToken, true);
    for (int i = 0; i < 2000; i++) {
      flood.publish("flood/t" + i, "x", 0, false);
    }
    Thread.sleep(1000);
    int got = sub.received.size();
    assertTrue(got < 1000, "a 200/s limit let " + got + " of 2000 through");
    assertTrue(got > 0, "nothing got through at all");
    Paho other = Paho.connect(hub.url(), "flood-other", hub.ownerToken, true);
    other.close();
    flood.close();
    sub.close();
  }

  @Test
  void anotherTokenCannotTakeOverAClientId() throws Exception {
    Paho owner = Paho.connect(hub.url(), "mine", hub.ownerToken, false);
    String stranger = hub.automationToken();
    MqttException refused =
        assertThrows(MqttException.class, () -> Paho.connect(hub.url(), "mine", stranger, true));
    assertEquals(MqttException.REASON_CODE_INVALID_CLIENT_ID, refused.getReasonCode());
    assertTrue(owner.client.isConnected());
    owner.client.disconnect();
    owner.client.connect(Paho.options(hub.ownerToken, true));
    owner.close();
  }

  @Test
  void tlsListenerServesWithTheHubsCertificate() throws Exception {
    javax.net.ssl.SSLContext tls = io.hearth.api.TlsTrust.trusting(data.resolve("tls/ca.pem"));
    org.eclipse.paho.client.mqttv3.MqttClient client =
        new org.eclipse.paho.client.mqttv3.MqttClient(
            "ssl://localhost:" + hub.tlsPort(),
            "tls-client",
            new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
    var options = Paho.options(hub.ownerToken, true);
    options.setSocketFactory(tls.getSocketFactory());
    client.connect(options);
    assertTrue(client.isConnected());
    client.disconnect();
    client.close();
    assertTrue(List.of(hub.port(), hub.tlsPort()).stream().allMatch(p -> p > 0));
  }
}
