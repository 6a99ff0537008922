package io.hearth.api.bench;

import io.hearth.runtime.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Sensor traffic as a household makes it: a real mosquitto on loopback (the hub's MQTT adapter
 * subscribes to it through {@code mqtt.url}) and a zigbee2mqtt-style publisher sending {@code
 * perSecond} temperature readings per second, spread over 100 sensors, QoS 0, paced every 10 ms.
 */
final class SensorLoad implements AutoCloseable {
  private static final int DEVICES = 100;

  private final Mosquitto mosquitto;
  private final int port;
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean running = true;
  private Thread publisher;

  private SensorLoad(Mosquitto mosquitto) {
    this.mosquitto = mosquitto;
    this.port = mosquitto.port();
  }

  /** Starts mosquitto on a free loopback port, in {@code dir}. */
  static SensorLoad startBroker(Path dir) throws Exception {
    return new SensorLoad(Mosquitto.volatileBroker(dir));
  }

  String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Starts publishing {@code perSecond} readings a second until {@link #close}. */
  void publish(int perSecond) throws Exception {
    MqttClient client = new MqttClient(url(), "bench-sensors", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(65_535);
    client.connect(options);
    publisher = new Thread(() -> loop(client, perSecond), "bench-sensors");
    publisher.setDaemon(true);
    publisher.start();
  }

  private void loop(MqttClient client, int perSecond) {
    long started = System.nanoTime();
    try {
      while (running) {
        long due = (System.nanoTime() - started) * perSecond / 1_000_000_000L;
        while (sent.get() < due) {
          long n = sent.getAndIncrement();
          String json = "{\"temperature\":" + (15 + n % 100 / 10.0) + "}";
          MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
          message.setQos(0);
          client.publish("zigbee2mqtt/bench_" + n % DEVICES, message);
        }
        Thread.sleep(10);
      }
      client.disconnect();
    } catch (Exception e) {
      System.out.println("sensor publisher stopped: " + e);
    }
  }

  long sent() {
    return sent.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    if (publisher != null) {
      publisher.join(5_000);
    }
    mosquitto.stop();
  }
}
