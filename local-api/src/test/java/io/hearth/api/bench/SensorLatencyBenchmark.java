package io.hearth.api.bench;

import io.hearth.adapters.mqtt.MqttModule;
import io.hearth.api.ApiModule;
import io.hearth.api.ApiTestHubs;
import io.hearth.runtime.Hub;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Mosquitto;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * End-to-end sensor latency to the hub's outputs: zigbee2mqtt-style readings published on a real
 * mosquitto (started here) reach a real in-JVM hub through its MQTT adapter ({@code mqtt.url}), and
 * are timed on arrival at (a) a WebSocket client on {@code /api/v1/events} holding the owner token
 * and (b) a Paho client subscribed (QoS 1) to the state topics of the hub's own broker. 100
 * simulated sensors; each reading's temperature is unique per sensor within a round, so (device,
 * value) finds its send time. Prints p50 / p99 / max and the delivered share per output and rate.
 * Asserts nothing. Arguments: rates in messages per second (default 1000 5000); {@code
 * -Dbench.seconds} sets each run's length (default 15).
 */
public final class SensorLatencyBenchmark {
  private static final int DEVICES = 100;
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);

  private final Map<String, Integer> indexById = new HashMap<>();
  private final Map<Long, Long> sentNanos = new ConcurrentHashMap<>();
  private final Map<Long, Long> toSocket = new ConcurrentHashMap<>();
  private final Map<Long, Long> toMqtt = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("sensor-bench");
    Mosquitto mosquitto = Mosquitto.volatileBroker(dir);
    try {
      String external = "tcp://127.0.0.1:" + mosquitto.port();
      Hub hub = startHub(dir.resolve("data"), external);
      try {
        new SensorLatencyBenchmark()
            .run(hub, dir, external, args.length > 0 ? args : new String[] {"1000", "5000"});
      } finally {
        hub.stop();
      }
    } finally {
      mosquitto.close();
    }
    System.exit(0);
  }

  private static Hub startHub(Path data, String mqttUrl) {
    return ApiTestHubs.builder(data)
        .module(new ApiModule(), new MqttModule())
        .set("api.mqtt.host", "127.0.0.1")
        .set("api.mqtt.max-queued", 100000)
        .set("mqtt.url", mqttUrl)
        .start()
        .hub();
  }

  private void run(Hub hub, Path dir, String external, String[] rates) throws Exception {
    String owner = Files.readString(dir.resolve("data").resolve("owner.token")).trim();
    MqttClient publisher = client(external, "bench-sensors", null);
    warmUp(hub, publisher);
    WebSocket socket = openSocket(hub, owner);
    MqttClient subscriber =
        client("tcp://127.0.0.1:" + hub.context().ports().get("api.mqtt.port"), "bench-ha", owner);
    subscriber.subscribe(
        "hearth/+/temperature",
        1,
        (topic, m) -> arrived(toMqtt, topic.split("/")[1], new String(m.getPayload(), UTF8)));
    Thread.sleep(1000);
    System.out.println("warm-up: 1000 msg/s for 5 s (not reported)");
    measure(publisher, 1000, 5, 0);
    int round = 0;
    for (String rate : rates) {
      report(measure(publisher, Integer.parseInt(rate), SECONDS, ++round));
    }
    socket.abort();
    subscriber.disconnect();
    publisher.disconnect();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static MqttClient client(String url, String id, String password) throws Exception {
    MqttClient c = new MqttClient(url, id, new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setMaxInflight(65_535);
    if (password != null) {
      o.setUserName("bench");
      o.setPassword(password.toCharArray());
    }
    c.connect(o);
    return c;
  }

  /** One reading per sensor, so the adapter has created all of them before timing starts. */
  private void warmUp(Hub hub, MqttClient publisher) throws Exception {
    for (int d = 0; d < DEVICES; d++) {
      publish(publisher, d, -50.0);
    }
    Eventually.holdsWithin(
        Duration.ofSeconds(30),
        () -> {
          List<SensorDevice> all =
              hub.context().devices().list().toCompletionStage().toCompletableFuture().get();
          for (SensorDevice device : all) {
            String address = device.address();
            if (address.startsWith("z2m:bench_")) {
              indexById.put(
                  device.id(), Integer.parseInt(address.substring("z2m:bench_".length())));
            }
          }
          return indexById.size() >= DEVICES;
        });
    System.out.printf("%d simulated sensors adopted by the hub%n", indexById.size());
  }

  private WebSocket openSocket(Hub hub, String owner) throws Exception {
    int port = hub.context().ports().get("api.http-port");
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .header("Authorization", "Bearer " + owner)
        .buildAsync(
            URI.create("ws://127.0.0.1:" + port + "/api/v1/events?kind=state"),
            new WebSocket.Listener() {
              private final StringBuilder text = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                  onEvent(new JsonObject(text.toString()));
                  text.setLength(0);
                }
                ws.request(1);
                return null;
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  private void onEvent(JsonObject event) {
    if ("temperature".equals(event.getString("capability"))
        && event.getValue("value") instanceof Number n) {
      arrived(toSocket, event.getString("device_id"), n.toString());
    }
  }

  private void arrived(Map<Long, Long> into, String deviceId, String value) {
    long now = System.nanoTime();
    Integer device = indexById.get(deviceId);
    if (device == null) {
      return;
    }
    long key;
    try {
      key = key(device, Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return;
    }
    Long sent = sentNanos.get(key);
    if (sent != null) {
      into.putIfAbsent(key, now - sent);
    }
  }

  private record Run(int perSecond, int total, double seconds) {}

  private Run measure(MqttClient publisher, int perSecond, int seconds, int round)
      throws Exception {
    sentNanos.clear();
    toSocket.clear();
    toMqtt.clear();
    int total = perSecond * seconds;
    long period = 1_000_000_000L / perSecond;
    long start = System.nanoTime();
    for (int seq = 0; seq < total; seq++) {
      LockSupport.parkNanos(start + seq * period - System.nanoTime());
      int device = seq % DEVICES;
      double value = value(round, seq / DEVICES);
      sentNanos.put(key(device, value), System.nanoTime());
      publish(publisher, device, value);
    }
    double took = (System.nanoTime() - start) / 1e9;
    awaitDrain();
    return new Run(perSecond, total, took);
  }

  private void report(Run run) {
    System.out.printf(
        Locale.ROOT,
        "%5d msg/s: sent %d in %.2f s (%.0f msg/s)%n",
        run.perSecond(),
        run.total(),
        run.seconds(),
        run.total() / run.seconds());
    report("WebSocket /api/v1/events", toSocket, run.total());
    report("hub broker hearth/+/temperature", toMqtt, run.total());
  }

  /** Waits until neither output received anything for 2 s (at most 60 s). */
  private void awaitDrain() throws InterruptedException {
    Eventually.settles(
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        "both outputs drained",
        () -> toSocket.size() + toMqtt.size());
  }

  private static void report(String output, Map<Long, Long> latencies, int total) {
    Percentiles p = Percentiles.ofNanos(new ArrayList<>(latencies.values()));
    System.out.printf(
        Locale.ROOT,
        "       to %-32s delivered %d (%.1f %%), p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        output,
        p.count(),
        100.0 * p.count() / total,
        p.p50(),
        p.p99(),
        p.max());
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
    MqttMessage message = new MqttMessage(json.getBytes(UTF8));
    message.setQos(0);
    client.publish("zigbee2mqtt/bench_" + device, message);
  }
}
