package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Persistent sessions and retained state across a hub restart; MQTT 5 session expiry. */
class RestartTest {
  @TempDir Path data;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aQos1SessionAndRetainedStateSurviveARestartWithNoMessageLost() throws Exception {
    String topic = "hearth/dev_cccccccccccccccccccc/temp";
    try (BrokerHub hub = BrokerHub.start(data)) {
      Paho keeper = Paho.connect(hub.url(), "keeper", hub.ownerToken, false);
      keeper.subscribe(topic, 1);
      keeper.close();
      Paho pub = Paho.connect(hub.url(), "pub", hub.ownerToken, true);
      for (int i = 0; i < 20; i++) {
        pub.publish(topic, "m" + i, 1, i == 19);
      }
      pub.close();
    }
    try (BrokerHub hub = BrokerHub.start(data)) {
      Paho keeper = Paho.connect(hub.url(), "keeper", hub.ownerToken, false);
      assertTrue(keeper.client.getClientId().equals("keeper"));
      List<String> got = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Paho.Received m = keeper.next();
        got.add(m == null ? null : m.payload() + "@" + m.qos());
      }
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        expected.add("m" + i + "@1");
      }
      assertEquals(expected, got);
      keeper.close();
      Paho late = Paho.connect(hub.url(), "late", hub.ownerToken, true);
      late.subscribe(topic, 1);
      assertEquals(new Paho.Received(topic, "m19", 1, true), late.next());
      late.close();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aQos1MessageIsStoredForAnOfflinePersistentSessionBeforeItsPubackIsSent() throws Exception {
    String topic = "hearth/dev_eeeeeeeeeeeeeeeeeeee/temp";
    try (BrokerHub hub = BrokerHub.start(data)) {
      // GIVEN a persistent session, offline, subscribed at QoS 1
      Paho keeper = Paho.connect(hub.url(), "keeper", hub.ownerToken, false);
      keeper.subscribe(topic, 1);
      keeper.close();
      Paho pub = Paho.connect(hub.url(), "pub", hub.ownerToken, true);
      for (int i = 0; i < 5; i++) {
        // WHEN a QoS 1 publish returns (its PUBACK has arrived)
        pub.publish(topic, "m" + i, 1, false);
        // THEN the message is already committed to the store, so a crash now cannot lose it
        int n = i;
        long stored =
            BrokerHub.await(
                hub.hub
                    .context()
                    .database()
                    .read(
                        c -> {
                          try (var q =
                              c.prepareStatement(
                                  "SELECT count(*) FROM mqtt_queued WHERE client_id = 'keeper'"
                                      + " AND payload = ?")) {
                            q.setBytes(1, ("m" + n).getBytes(StandardCharsets.UTF_8));
                            try (var rs = q.executeQuery()) {
                              return rs.next() ? rs.getLong(1) : 0L;
                            }
                          }
                        }));
        assertEquals(1L, stored, "m" + i + " acknowledged before it was stored");
      }
      pub.close();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void mqtt5SessionPresentFollowsSessionExpiryAndRefusalsCarryReasonCodes() throws Exception {
    try (BrokerHub hub = BrokerHub.start(data)) {
      MqttClient v5 = new MqttClient(hub.url(), "five", new MemoryPersistence());
      MqttConnectionOptions options = v5Options(hub.ownerToken, 300L);
      IMqttToken first = v5.connectWithResult(options);
      assertEquals(false, first.getSessionPresent());
      v5.disconnect();
      IMqttToken second = v5.connectWithResult(options);
      assertEquals(true, second.getSessionPresent());
      v5.disconnect();
      v5.close();

      String scoped = hub.automationToken();
      MqttClient limited = new MqttClient(hub.url(), "five-limited", new MemoryPersistence());
      limited.connect(v5Options(scoped, 0L));
      IMqttToken sub = limited.subscribe("hearth/dev_dddddddddddddddddddd/temp", 0);
      assertEquals(0x87, sub.getReasonCodes()[0]);
      limited.disconnect();
      limited.close();

      MqttClient bad = new MqttClient(hub.url(), "five-bad", new MemoryPersistence());
      MqttException refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              MqttException.class, () -> bad.connect(v5Options("hth_nope", 0L)));
      assertEquals(0x86, refused.getReasonCode());
    }
  }

  private static MqttConnectionOptions v5Options(String token, long expiry) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName("anyone");
    options.setPassword(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    options.setCleanStart(false);
    options.setSessionExpiryInterval(expiry);
    options.setConnectionTimeout(5);
    return options;
  }
}
