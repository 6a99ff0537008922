package io.hearth.adapters.mqtt;

import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Mosquitto;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Latency from a zigbee2mqtt-style publish at mosquitto to the stored event on the hub's event bus,
 * at fixed rates. 100 simulated sensors; each message's temperature is unique per sensor within a
 * run, so (device, value) finds its send time; one reading per message. Prints p50, p99 and max per
 * rate. Run with {@code mvn -q -o -pl device-adapters/mqtt test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.hearth.adapters.mqtt.MqttLatencyBenchmark}.
 */
public final class MqttLatencyBenchmark {
  private static final int DEVICES = 100;
  private static final int SECONDS = 5;

  private MqttBridge bridge;
  private final Map<String, Integer> indexById = new HashMap<>();
  private final Map<Long, Long> sentNanos = new ConcurrentHashMap<>();
  private final Map<Long, Long> latencyNanos = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("mqtt-bench");
    try (Mosquitto broker = Mosquitto.start(dir);
        HubFixture hub = new HubFixture(dir.resolve("data"), "mqtt.url=" + broker.url())) {
      hub.awaitConnected(true);
      new MqttLatencyBenchmark()
          .run(broker, hub, args.length > 0 ? args : new String[] {"1000", "5000"});
    }
    System.exit(0);
  }

  private void run(Mosquitto broker, HubFixture hub, String[] rates) throws Exception {
    MqttClient client = new MqttClient(broker.url(), "bench-publisher", new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMaxInflight(65_535);
    client.connect(options);
    warmUp(client, hub);
    bridge = hub.bridge();
    hub.hub
        .context()
        .vertx()
        .eventBus()
        .<DeviceEvent>consumer(EventStore.ADDRESS, m -> received(m.body().toJson()));
    int round = 0;
    for (String rate : rates) {
      measure(client, Integer.parseInt(rate), ++round);
    }
    client.disconnect();
  }

  private void warmUp(MqttClient client, HubFixture hub) throws Exception {
    for (int d = 0; d < DEVICES; d++) {
      publish(client, d, -50.0);
    }
    for (int d = 0; d < DEVICES; d++) {
      SensorDevice device = hub.awaitDevice("z2m:bench_" + d);
      indexById.put(device.id(), d);
    }
    Await.get(hub.devices().events().flush());
  }

  private void measure(MqttClient client, int perSecond, int round) throws Exception {
    sentNanos.clear();
    latencyNanos.clear();
    int total = perSecond * SECONDS;
    long receivedBefore = bridge.received();
    long period = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    for (int seq = 0; seq < total; seq++) {
      LockSupport.parkNanos(start + seq * period - System.nanoTime());
      int device = seq % DEVICES;
      double value = value(round, seq / DEVICES);
      sentNanos.put(key(device, value), System.nanoTime());
      publish(client, device, value);
    }
    double publishSeconds = (System.nanoTime() - start) / 1e9;
    long bridged = bridge.received() - receivedBefore;
    awaitDrain();
    report(perSecond, total, publishSeconds);
    System.out.printf(
        Locale.ROOT,
        "       bridge had received %d of them when the publisher finished; drained after %.1f s%n",
        bridged,
        (System.nanoTime() - start) / 1e9 - publishSeconds);
  }

  /** Waits until no event arrived for 2 s (at most 60 s). */
  private void awaitDrain() throws InterruptedException {
    Eventually.settles(
        Duration.ofSeconds(2), Duration.ofSeconds(60), "events drained", latencyNanos::size);
  }

  private void received(JsonObject event) {
    long now = System.nanoTime();
    Integer device = indexById.get(event.getString("device_id"));
    Object value = event.getValue("value");
    if (device != null
        && value instanceof Number n
        && "temperature".equals(event.getString("capability"))) {
      Long sent = sentNanos.get(key(device, n.doubleValue()));
      if (sent != null) {
        latencyNanos.putIfAbsent(key(device, n.doubleValue()), now - sent);
      }
    }
  }

  private void report(int perSecond, int total, double publishSeconds) {
    long[] sorted = latencyNanos.values().stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "%5d msg/s: sent %d in %.2f s, on the event bus %d (%.1f %%); latency p50 %.1f ms, p99 %.1f"
            + " ms, max %.1f ms%n",
        perSecond,
        total,
        publishSeconds,
        sorted.length,
        100.0 * sorted.length / total,
        percentile(sorted, 0.50),
        percentile(sorted, 0.99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
  }

  /** A temperature unique per device within a round: -99.9 .. 249.9 in 0.1 steps. */
  private static double value(int round, int n) {
    return Math.round((-99.9 + ((round * 1000 + n) % 3499) / 10.0) * 10) / 10.0;
  }

  private static long key(int device, double value) {
    return device * 1_000_000L + Math.round(value * 10) + 10_000;
  }

  private static void publish(MqttClient client, int device, double value) throws Exception {
    String json = "{\"temperature\":" + value + "}";
    MqttMessage message = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
    message.setQos(0);
    client.publish("zigbee2mqtt/bench_" + device, message);
  }
}
