package io.hearth.api.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** Eclipse Paho v3 clients for tests, with received messages in a queue. */
final class Paho {
  final MqttClient client;
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

  record Received(String topic, String payload, int qos, boolean retained) {}

  private Paho(MqttClient client) {
    this.client = client;
  }

  static Paho connect(String url, String clientId, String token, boolean clean)
      throws MqttException {
    MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
    // Bounded waits: a broker that drops a connection mid-write must not hang a test.
    client.setTimeToWait(10_000);
    Paho paho = new Paho(client);
    // Messages of a resumed session arrive before any subscribe() of this client instance.
    client.setCallback(
        new org.eclipse.paho.client.mqttv3.MqttCallback() {
          @Override
          public void connectionLost(Throwable cause) {}

          @Override
          public void messageArrived(String topic, MqttMessage m) {
            paho.received.add(received(topic, m));
          }

          @Override
          public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {}
        });
    client.connect(options(token, clean));
    return paho;
  }

  static MqttConnectOptions options(String token, boolean clean) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setUserName("anyone");
    options.setPassword(token.toCharArray());
    options.setCleanSession(clean);
    options.setAutomaticReconnect(false);
    options.setConnectionTimeout(5);
    options.setMaxInflight(100);
    return options;
  }

  /** Subscribes and returns the granted QoS (128 means refused). */
  int subscribe(String filter, int qos) throws MqttException {
    IMqttToken token =
        client.subscribeWithResponse(filter, qos, (topic, m) -> received.add(received(topic, m)));
    return token.getGrantedQos()[0];
  }

  /** Everything received so far and not yet taken, without waiting. */
  List<Received> drain() {
    List<Received> taken = new ArrayList<>();
    received.drainTo(taken);
    return taken;
  }

  private static Received received(String topic, MqttMessage m) {
    return new Received(
        topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(), m.isRetained());
  }

  void publish(String topic, String payload, int qos, boolean retain) throws MqttException {
    MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    m.setQos(qos);
    m.setRetained(retain);
    client.publish(topic, m);
  }

  Received next() throws InterruptedException {
    return received.poll(5, TimeUnit.SECONDS);
  }

  /** Waits briefly and returns what arrived, or null if nothing did (for "must not arrive"). */
  Received nothing() throws InterruptedException {
    return received.poll(700, TimeUnit.MILLISECONDS);
  }

  void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect(1000);
    }
    client.close(true);
  }
}
