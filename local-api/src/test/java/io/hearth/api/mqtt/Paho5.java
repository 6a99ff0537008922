package io.hearth.api.mqtt;

import io.hearth.api.mqtt.ReferenceBrokers.Target;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** An Eclipse Paho MQTT 5 client for conformance checks, with received messages in a queue. */
final class Paho5 {
  final MqttClient client;
  final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
  final IMqttToken connected;

  private Paho5(MqttClient client, MqttConnectionOptions options) throws MqttException {
    this.client = client;
    client.setTimeToWait(10_000);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void disconnected(MqttDisconnectResponse response) {}

          @Override
          public void mqttErrorOccurred(MqttException e) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) {
            received.add(m);
          }

          @Override
          public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

          @Override
          public void connectComplete(boolean reconnect, String uri) {}

          @Override
          public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
    this.connected = client.connectWithResult(options);
  }

  /** Connects with clean start when expiry is 0, else resumes a session kept that long. */
  static Paho5 connect(Target t, String id, long expirySeconds) throws MqttException {
    return connect(t.url(), id, t.password(), expirySeconds == 0, expirySeconds);
  }

  static Paho5 connect(String url, String id, String password, boolean clean, long expiry)
      throws MqttException {
    return new Paho5(
        new MqttClient(url, id, new MemoryPersistence()), options(password, clean, expiry));
  }

  static MqttConnectionOptions options(String password, boolean clean, long expiry) {
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setUserName("conformance");
    options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    options.setCleanStart(clean);
    options.setSessionExpiryInterval(expiry);
    options.setConnectionTimeout(5);
    options.setAutomaticReconnect(false);
    return options;
  }

  /** Subscribes and returns the SUBACK reason codes. */
  int[] subscribe(String... filters) throws MqttException {
    int[] qos = new int[filters.length];
    java.util.Arrays.fill(qos, 1);
    return client.subscribe(filters, qos).getReasonCodes();
  }

  void publish(String topic, String payload, int qos, MqttProperties properties)
      throws MqttException {
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(qos);
    if (properties != null) {
      m.setProperties(properties);
    }
    client.publish(topic, m);
  }

  MqttMessage next() throws InterruptedException {
    return received.poll(5, TimeUnit.SECONDS);
  }

  void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect();
    }
    client.close();
  }
}
