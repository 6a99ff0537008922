package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Mosquitto;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker keeps what it acknowledges, and handles what a client may send before it hears back,
 * each checked against mosquitto in the same run as the reference. A QoS 1 publisher flooding past
 * the rate limit (api.mqtt.max-publish-rate) and past a slow subscriber's queue is slowed, not
 * dropped: every message it got a PUBACK for reaches the persistent subscriber. A subscriber that
 * is away with a full queue makes the broker refuse further messages before acknowledging them.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NoAckedMessageLostTest {
  /** Messages per flood (the long run of the hardening issue used 10,000: -Dflood.count=10000). */
  static final int COUNT = Integer.getInteger("flood.count", 3000);

  @TempDir Path dir;

  @Test
  void packetsSentRightAfterConnectAreHandledLikeMosquittoDoes() throws Exception {
    try (BrokerHub hub = BrokerHub.start(dir.resolve("hub"));
        Mosquitto mosquitto = Mosquitto.start(Files.createDirectories(dir.resolve("mq")))) {
      List<Integer> reference = earlyPackets(mosquitto.port(), "anything");
      List<Integer> ours = earlyPackets(hub.port(), hub.ownerToken);
      // CONNACK, SUBACK, the PUBLISH sent back to us, PINGRESP, PINGRESP.
      assertEquals(List.of(0x20, 0x90, 0x30, 0xD0, 0xD0), reference, "mosquitto's answer");
      assertEquals(
          reference, ours, "packet types answered to CONNECT+SUBSCRIBE+PUBLISH+PINGREQ x2");
    }
  }

  @Test
  void aQos1FloodPastTheRateAndASlowSubscriberLosesNothingAcknowledged() throws Exception {
    try (BrokerHub hub =
        BrokerHub.start(
            dir.resolve("hub"), "api.mqtt.max-publish-rate=500", "api.mqtt.max-queued=200")) {
      Set<String> received = ConcurrentHashMap.newKeySet();
      MqttClient subscriber = client(hub.url(), "slow-sub", hub.ownerToken, false, received, 3);
      subscriber.subscribe("flood/#", 1);
      List<String> acked = flood(hub.url(), hub.ownerToken, "flood/a");
      awaitAll(received, acked);
      subscriber.disconnect();
      assertEquals(COUNT, acked.size(), "the publisher was refused though it could be slowed");
      assertTrue(received.containsAll(acked), lost(acked, received));
    }
  }

  @Test
  void anAwaySubscriberWithAFullQueueGetsEveryMessageThatWasAcknowledged() throws Exception {
    try (BrokerHub hub = BrokerHub.start(dir.resolve("hub"), "api.mqtt.max-queued=500")) {
      Set<String> received = ConcurrentHashMap.newKeySet();
      MqttClient away = client(hub.url(), "away-sub", hub.ownerToken, false, received, 0);
      away.subscribe("flood/#", 1);
      away.disconnect();
      away.close();
      List<String> acked = flood(hub.url(), hub.ownerToken, "flood/b");
      MqttClient back = client(hub.url(), "away-sub", hub.ownerToken, false, received, 0);
      awaitAll(received, acked);
      back.disconnect();
      assertTrue(received.containsAll(acked), lost(acked, received));
      assertTrue(acked.size() >= 500 && acked.size() < COUNT, "acked " + acked.size());
    }
  }

  /** Publishes COUNT QoS 1 messages, reconnecting once when refused; returns the acked ones. */
  private static List<String> flood(String url, String token, String topic) throws Exception {
    List<String> acked = new ArrayList<>();
    MqttClient publisher = client(url, "flooder", token, true, null, 0);
    try {
      for (int i = 0; i < COUNT; i++) {
        String payload = topic + "#" + i;
        try {
          publisher.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
          acked.add(payload);
        } catch (MqttException e) {
          break; // refused without an ack (MQTT 3.1.1: the connection ends)
        }
      }
    } finally {
      if (publisher.isConnected()) {
        publisher.disconnect();
      }
      publisher.close();
    }
    return acked;
  }

  private static MqttClient client(
      String url, String id, String token, boolean clean, Set<String> into, int delayMs)
      throws MqttException {
    MqttClient client = new MqttClient(url, id, new MemoryPersistence());
    client.setTimeToWait(30_000);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) throws InterruptedException {
            into.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            if (delayMs > 0) {
              Thread.sleep(delayMs); // a subscriber slower than the publisher
            }
          }

          @Override
          public void deliveryComplete(IMqttDeliveryToken t) {}
        });
    MqttConnectOptions options = Paho.options(token, clean);
    options.setKeepAliveInterval(120);
    client.connect(options);
    return client;
  }

  private static void awaitAll(Set<String> received, List<String> acked) throws Exception {
    Eventually.holdsWithin(Duration.ofSeconds(60), () -> received.containsAll(acked));
  }

  private static String lost(List<String> acked, Set<String> received) {
    long missing = acked.stream().filter(m -> !received.contains(m)).count();
    return missing + " of " + acked.size() + " acknowledged messages never arrived";
  }

  /**
   * Writes CONNECT, SUBSCRIBE, PUBLISH (QoS 0, to the subscribed topic) and two PINGREQs in one
   * write, before any answer, and returns the types of the packets answered within 2 s.
   */
  private static List<Integer> earlyPackets(int port, String password) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(connect("early", password));
    all.write(packet(0x82, concat(new byte[] {0, 1}, string("early/t"), new byte[] {0})));
    all.write(packet(0x30, concat(string("early/t"), "hello".getBytes(StandardCharsets.UTF_8))));
    all.write(new byte[] {(byte) 0xC0, 0, (byte) 0xC0, 0});
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.getOutputStream().write(all.toByteArray());
      socket.getOutputStream().flush();
      return types(socket, 5);
    }
  }

  private static List<Integer> types(Socket socket, int expected) throws Exception {
    List<Integer> types = new ArrayList<>();
    InputStream in = socket.getInputStream();
    long deadline = System.currentTimeMillis() + 2_000;
    socket.setSoTimeout(200);
    while (System.currentTimeMillis() < deadline && types.size() < expected + 1) {
      try {
        int first = in.read();
        if (first < 0) {
          break;
        }
        types.add(first & 0xF0);
        int length = in.read(); // every answer here is shorter than 128 bytes
        in.readNBytes(length);
      } catch (SocketTimeoutException e) {
        // keep waiting until the deadline
      }
    }
    return types;
  }

  private static byte[] connect(String clientId, String password) {
    byte[] header = concat(string("MQTT"), new byte[] {4, (byte) 0xC2, 0, 60});
    return packet(0x10, concat(header, string(clientId), string("user"), string(password)));
  }

  private static byte[] packet(int type, byte[] body) {
    if (body.length > 127) {
      throw new IllegalArgumentException("keep test packets under 128 bytes");
    }
    return concat(new byte[] {(byte) type, (byte) body.length}, body);
  }

  private static byte[] string(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    return concat(new byte[] {(byte) (bytes.length >> 8), (byte) bytes.length}, bytes);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
