package io.hearth.api.bench;

import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A connection flood against a hub in its own JVM with the systemd unit's options (finding 5):
 * opens {@code bench.connections} (10,000) connections spread over HTTPS, plain HTTP, MQTT and MQTT
 * over TLS from 127.0.0.2..127.0.0.40 (TLS ones finish their handshake; MQTT ones send a CONNECT
 * with a valid token), holds them {@code bench.hold-ms}, and meanwhile polls health every 100 ms.
 * Prints the hub's peak RSS and open file descriptors, the slowest health answer and each
 * listener's counts. Loopback only; bounded in count and time. See docs/benchmarks.md.
 */
public final class FloodBenchmark {
  private static final List<String> LISTENERS = List.of("https", "http", "mqtt", "mqtt_tls");
  private static final Pattern UNIT_OPTS = Pattern.compile("HEARTH_JAVA_OPTS=([^\"]*)\"");

  private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Socket> held = new ConcurrentLinkedQueue<>();

  public static void main(String[] args) throws Exception {
    new FloodBenchmark().run();
  }

  private void run() throws Exception {
    Path dir = Path.of("local-api/target/bench/flood").toAbsolutePath();
    Files.createDirectories(dir);
    String jvm = System.getProperty("bench.hub-jvm-args", unitJavaOptions());
    System.setProperty("bench.hub-jvm-args", jvm);
    Path data = Files.createTempDirectory(dir, "data");
    try (BenchHub hub = BenchHub.start(data, dir.resolve("hub.log"), hubSettings())) {
      FloodSampler sampler = new FloodSampler(hub.process().pid(), hub.httpPort());
      Thread sampling = new Thread(sampler, "flood-sampler");
      sampling.start();
      Thread.sleep(2_000);
      long idleRss = sampler.status("VmRSS:");
      long idleFds = sampler.fds();
      long openedMs = flood(hub, io.hearth.api.TlsTrust.trusting(data.resolve("tls/ca.pem")));
      Thread.sleep(Long.getLong("bench.hold-ms", 30_000));
      sampler.stop();
      sampling.join();
      report(jvm, sampler, idleRss, idleFds, openedMs, sampler.status("VmHWM:"));
    } finally {
      held.forEach(RawClients::close);
    }
  }

  /** Opens the connections from a pool of threads; returns how long that took in ms. */
  private long flood(BenchHub hub, SSLContext tls) throws InterruptedException {
    int total = Integer.getInteger("bench.connections", 10_000);
    int sources = Integer.getInteger("bench.sources", 39);
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("bench.threads", 32));
    for (int i = 0; i < total; i++) {
      String listener = LISTENERS.get(i % LISTENERS.size());
      String source = "127.0.0." + (2 + (i / LISTENERS.size()) % sources);
      int n = i;
      pool.execute(() -> connect(hub, tls, listener, source, n));
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    return (System.nanoTime() - started) / 1_000_000;
  }

  private void connect(BenchHub hub, SSLContext tls, String listener, String source, int n) {
    boolean secure = listener.equals("https") || listener.equals("mqtt_tls");
    try {
      Socket socket = RawClients.open(secure ? tls : null, source, hub.port(portKey(listener)));
      held.add(socket);
      String outcome = "connected";
      if (listener.startsWith("mqtt")) {
        int code = RawClients.mqttHandshake(socket, "flood-" + n, hub.ownerToken());
        outcome = code == 0 ? "connack 0" : code < 0 ? "closed" : "connack " + code;
      }
      count(listener, outcome);
    } catch (Exception e) {
      count(listener, "failed: " + e.getClass().getSimpleName());
    }
  }

  private void count(String listener, String outcome) {
    outcomes.computeIfAbsent(listener + " " + outcome, k -> new AtomicLong()).incrementAndGet();
  }

  private void report(
      String jvm, FloodSampler s, long idleRss, long idleFds, long openedMs, long hwm) {
    System.out.printf(Locale.ROOT, "hub JVM options: %s%n", jvm);
    System.out.printf(
        Locale.ROOT,
        "hub before the flood: RSS %d MB, %d fds; %d connections opened in %.1f s%n",
        idleRss / 1024,
        idleFds,
        held.size(),
        openedMs / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "hub during the flood: peak RSS (VmHWM) %s, largest RSS sampled %d MB, most fds %d%n",
        hwm < 0 ? "unreadable (the hub had exited?)" : hwm / 1024 + " MB",
        s.maxRssKb / 1024,
        s.maxFds);
    System.out.printf(
        Locale.ROOT,
        "health every 100 ms: %d answers, %d failures, slowest %d ms%n",
        s.healthAnswers,
        s.healthFailures,
        s.maxHealthMs);
    new java.util.TreeMap<>(outcomes)
        .forEach((k, v) -> System.out.printf(Locale.ROOT, "client: %s %d%n", k, v.get()));
    JsonObject connections = s.lastHealth.getJsonObject("connections", new JsonObject());
    System.out.println("health connections: " + connections.encode());
  }

  private static List<String> hubSettings() {
    return List.of(
        "api.mqtt.port=0",
        "api.mqtt.tls-port=0",
        "api.mqtt.host=127.0.0.1",
        "restream.port=0",
        "restream.tls-port=0");
  }

  private static String portKey(String listener) {
    return switch (listener) {
      case "https" -> "api.port";
      case "http" -> "api.http-port";
      case "mqtt" -> "api.mqtt.port";
      default -> "api.mqtt.tls-port";
    };
  }

  /** HEARTH_JAVA_OPTS of packaging/deb/src/deb/hearth.service, as the launcher gets it. */
  private static String unitJavaOptions() throws java.io.IOException {
    Path unit = Path.of("packaging/deb/src/deb/hearth.service");
    Matcher matcher = UNIT_OPTS.matcher(Files.readString(unit));
    if (!matcher.find()) {
      throw new IllegalStateException("no HEARTH_JAVA_OPTS in " + unit);
    }
    return matcher.group(1).trim();
  }
}
