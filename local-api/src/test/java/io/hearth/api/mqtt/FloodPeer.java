package io.hearth.api.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Paho client of a QoS 1 flood, MQTT 3.1.1 or 5, that can be connected again to a restarted hub
 * on its new port: a publisher (publish returns once the PUBACK came) or a persistent subscriber to
 * {@code flood/#} counting every copy of every payload it got.
 */
final class FloodPeer {
  final String id;
  final int version;
  final Map<String, Integer> copies = new ConcurrentHashMap<>();
  private final String token;
  private final boolean subscriber;
  private org.eclipse.paho.client.mqttv3.MqttClient v3;
  private org.eclipse.paho.mqttv5.client.MqttAsyncClient v5;

  FloodPeer(String id, int version, String token, boolean subscriber) {
    this.id = id;
    this.version = version;
    this.token = token;
    this.subscriber = subscriber;
  }

  /** Connects (resuming a subscriber's persistent session) and subscribes a new subscriber. */
  void connect(int port, boolean subscribe) throws Exception {
    String url = "tcp://127.0.0.1:" + port;
    if (version == 3) {
      v3 =
          new org.eclipse.paho.client.mqttv3.MqttClient(
              url, id, new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
      v3.setTimeToWait(10_000);
      v3.setCallback(
          new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String t, org.eclipse.paho.client.mqttv3.MqttMessage m) {
              count(m.getPayload());
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken t) {}
          });
      var options = Paho.options(token, !subscriber);
      options.setKeepAliveInterval(120);
      v3.connect(options);
      if (subscribe) {
        v3.subscribe("flood/#", 1);
      }
    } else {
      // The asynchronous client: its tokens carry the PUBACK's reason code (0x97 is a refusal).
      v5 =
          new org.eclipse.paho.mqttv5.client.MqttAsyncClient(
              url, id, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
      v5.setCallback(new V5Counter());
      v5.connect(Paho5.options(token, !subscriber, subscriber ? 3600 : 0))
          .waitForCompletion(10_000);
      if (subscribe) {
        v5.subscribe("flood/#", 1).waitForCompletion(10_000);
      }
    }
  }

  /** Publishes at QoS 1; true once acknowledged with success, false if refused or cut off. */
  boolean publish(String payload) {
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    try {
      if (version == 3) {
        v3.publish("flood/" + id, bytes, 1, false);
        return true;
      }
      var token = v5.publish("flood/" + id, bytes, 1, false);
      token.waitForCompletion(10_000);
      int[] codes = token.getReasonCodes();
      return codes == null || codes.length == 0 || codes[0] < 0x80;
    } catch (Exception refusedOrCut) {
      return false;
    }
  }

  void disconnect() {
    try {
      if (v3 != null) {
        if (v3.isConnected()) {
          v3.disconnect();
        }
        v3.close(true);
      }
      if (v5 != null) {
        if (v5.isConnected()) {
          v5.disconnect().waitForCompletion(10_000);
        }
        v5.close(true);
      }
    } catch (Exception alreadyGone) {
      // the hub was killed under it
    }
    v3 = null;
    v5 = null;
  }

  private void count(byte[] payload) {
    copies.merge(new String(payload, StandardCharsets.UTF_8), 1, Integer::sum);
  }

  private final class V5Counter implements org.eclipse.paho.mqttv5.client.MqttCallback {
    @Override
    public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

    @Override
    public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

    @Override
    public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
      count(m.getPayload());
    }

    @Override
    public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String uri) {}

    @Override
    public void authPacketArrived(
        int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
  }
}
