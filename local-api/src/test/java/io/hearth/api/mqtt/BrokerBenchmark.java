package io.hearth.api.mqtt;

import io.hearth.runtime.testing.ChildProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Load driver: the hub's broker and a mosquitto broker in the same run, same Paho clients. Prints
 * publish rate (one publisher, QoS 0 and QoS 1; QoS 1 also to a persistent subscriber, which the
 * hub stores in SQLite before its PUBACK while this mosquitto keeps it in memory) and fan-out to
 * 100 subscribers (deliveries/s, p50/p99 latency). Every scenario runs twice per broker: a cold
 * pass (the hub shares this JVM, so it is also warming up its JIT, and so are the Paho clients for
 * whichever broker goes first) and a warm pass, which is the figure to compare. Command line: see
 * docs/benchmarks.md.
 */
public final class BrokerBenchmark {
  static final int QOS0_MESSAGES = 50_000;
  static final int QOS1_MESSAGES = 5_000;
  static final int PERSISTENT_MESSAGES = 2_000;
  static final int PIPELINED = 100;
  static final int FANOUT_SUBSCRIBERS = 100;
  static final int FANOUT_MESSAGES = 500;

  private BrokerBenchmark() {}

  record Target(String name, String url, String password) {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("broker-bench");
    long t0 = System.nanoTime();
    try (BrokerHub hub =
        BrokerHub.start(
            dir.resolve("hub"),
            "api.mqtt.max-publish-rate=0",
            "api.mqtt.max-queued=100000",
            "api.mqtt.max-connections=1000")) {
      System.out.printf(
          "hub (with broker) started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      ChildProcess mosquitto = startMosquitto(dir);
      try {
        List<Target> targets =
            List.of(
                new Target("hearth", hub.url(), hub.ownerToken),
                new Target("mosquitto", "tcp://127.0.0.1:" + mosquittoPort, "x"));
        for (String pass : List.of("cold", "warm")) {
          for (Target t : targets) {
            run(t, pass);
          }
        }
      } finally {
        mosquitto.close();
      }
    }
  }

  static int mosquittoPort;

  static ChildProcess startMosquitto(Path dir) throws Exception {
    mosquittoPort = io.hearth.runtime.testing.Peers.freePort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        "listener "
            + mosquittoPort
            + " 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n"
            + "max_inflight_messages 32\npersistence false\n");
    ChildProcess mosquitto =
        ChildProcess.of("/usr/sbin/mosquitto", "-c", conf.toString())
            .log(dir.resolve("mosquitto.log"))
            .start();
    mosquitto.await(Duration.ofSeconds(10), "mosquitto listens", () -> listens(mosquittoPort));
    return mosquitto;
  }

  private static Boolean listens(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    }
  }

  static void run(Target t, String pass) throws Exception {
    String name = t.name + " (" + pass + ")";
    System.out.printf(
        "%s: QoS 0 publish rate %.0f msg/s%n", name, publishRate(t, 0, QOS0_MESSAGES, true));
    System.out.printf(
        "%s: QoS 1 publish rate %.0f msg/s%n", name, publishRate(t, 1, QOS1_MESSAGES, true));
    System.out.printf(
        "%s: QoS 1 publish rate to a persistent subscriber %.0f msg/s%n",
        name, publishRate(t, 1, PERSISTENT_MESSAGES, false));
    System.out.printf(
        "%s: QoS 1 publish rate to a persistent subscriber, %d in flight %.0f msg/s%n",
        name, PIPELINED, pipelinedRate(t, QOS1_MESSAGES));
    fanOut(t, name);
  }

  static MqttClient client(Target t, String id) throws Exception {
    return client(t, id, true);
  }

  static MqttClient client(Target t, String id, boolean clean) throws Exception {
    MqttClient c = new MqttClient(t.url, id, new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setUserName("bench");
    o.setPassword(t.password.toCharArray());
    o.setMaxInflight(1000);
    o.setCleanSession(clean);
    c.connect(o);
    return c;
  }

  /** One publisher, one subscriber at the same QoS; messages/s received end to end. */
  static double publishRate(Target t, int qos, int count, boolean cleanSubscriber)
      throws Exception {
    String suffix = cleanSubscriber ? "" : "-kept";
    String topic = "bench/rate/" + qos + suffix;
    MqttClient sub = client(t, "rate-sub-" + qos + suffix, cleanSubscriber);
    CountDownLatch done = new CountDownLatch(count);
    sub.subscribe(topic, qos, (x, m) -> done.countDown());
    MqttClient pub = client(t, "rate-pub-" + qos);
    byte[] payload = new byte[64];
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      pub.publish(topic, payload, qos, false);
    }
    done.await(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    long got = count - done.getCount();
    sub.unsubscribe(topic);
    pub.disconnect();
    sub.disconnect();
    pub.close();
    sub.close();
    return got / seconds;
  }

  /**
   * QoS 1 to a persistent subscriber from an asynchronous publisher keeping {@link #PIPELINED}
   * messages in flight, so that one store commit can carry many messages.
   */
  static double pipelinedRate(Target t, int count) throws Exception {
    String topic = "bench/rate/pipelined";
    MqttClient sub = client(t, "rate-sub-pipelined", false);
    CountDownLatch done = new CountDownLatch(count);
    sub.subscribe(topic, 1, (x, m) -> done.countDown());
    MqttAsyncClient pub = new MqttAsyncClient(t.url, "rate-pub-pipelined", new MemoryPersistence());
    MqttConnectOptions o = new MqttConnectOptions();
    o.setUserName("bench");
    o.setPassword(t.password.toCharArray());
    o.setMaxInflight(1000);
    pub.connect(o).waitForCompletion();
    Semaphore window = new Semaphore(PIPELINED);
    IMqttActionListener release =
        new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            window.release();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            window.release();
          }
        };
    byte[] payload = new byte[64];
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      window.acquire();
      pub.publish(topic, payload, 1, false, null, release);
    }
    done.await(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    long got = count - done.getCount();
    sub.unsubscribe(topic);
    pub.disconnect().waitForCompletion();
    sub.disconnect();
    pub.close();
    sub.close();
    return got / seconds;
  }

  /** 100 subscribers on one topic; one publisher at QoS 0; deliveries/s and latency. */
  static void fanOut(Target t, String name) throws Exception {
    int total = FANOUT_SUBSCRIBERS * FANOUT_MESSAGES;
    long[] latencies = new long[total];
    AtomicInteger n = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    List<MqttClient> subs = new ArrayList<>();
    for (int i = 0; i < FANOUT_SUBSCRIBERS; i++) {
      MqttClient s = client(t, "fan-" + i);
      s.subscribe(
          "bench/fan",
          0,
          (topic, m) -> {
            long sent = ByteBuffer.wrap(m.getPayload()).getLong();
            int k = n.getAndIncrement();
            if (k < total) {
              latencies[k] = System.nanoTime() - sent;
            }
            done.countDown();
          });
      subs.add(s);
    }
    MqttClient pub = client(t, "fan-pub");
    long start = System.nanoTime();
    for (int i = 0; i < FANOUT_MESSAGES; i++) {
      MqttMessage m = new MqttMessage(ByteBuffer.allocate(64).putLong(System.nanoTime()).array());
      m.setQos(0);
      pub.publish("bench/fan", m);
      if (i % 50 == 49) {
        Thread.sleep(5);
      }
    }
    done.await(60, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    int got = Math.min(n.get(), total);
    long[] sorted = Arrays.copyOf(latencies, got);
    Arrays.sort(sorted);
    System.out.printf(
        "%s: fan-out to %d: %d/%d delivered, %.0f deliveries/s, p50 %.2f ms, p99 %.2f ms%n",
        name,
        FANOUT_SUBSCRIBERS,
        got,
        total,
        got / seconds,
        sorted.length == 0 ? 0 : sorted[got / 2] / 1e6,
        sorted.length == 0 ? 0 : sorted[(int) (got * 0.99)] / 1e6);
    pub.disconnect();
    pub.close();
    for (MqttClient s : subs) {
      s.disconnect();
      s.close();
    }
  }
}
