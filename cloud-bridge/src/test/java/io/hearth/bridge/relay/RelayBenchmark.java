package io.hearth.bridge.relay;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Relay benchmark (a program, not a test; see docs/benchmarks.md): two relay processes, one with
 * TLS and one with {@code relay.plain}, each with {@code bench.idle} proven hubs (1,000) sitting
 * connected, while {@code bench.streams} homes (100) each stream {@code bench.bitrate} (4 Mbit/s)
 * of 64 KiB frames stamped with their send time to one viewer. The same frames also go directly
 * over TCP, through plain socat and through socat with TLS on both sides, one path after the other
 * in the same run. Prints latency p50/p99 of each path, and the relay's CPU against socat's: with
 * TLS against socat with TLS, plain against plain (per stream, and per frame carried, which
 * corrects for a path that fell behind on a loaded machine). Loopback only.
 */
public final class RelayBenchmark {
  private static final int STREAMS = Integer.getInteger("bench.streams", 100);
  private static final int IDLE = Integer.getInteger("bench.idle", 1000);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final long BITRATE = Long.getLong("bench.bitrate", 4_000_000);
  // Long enough for the JIT to compile the relay's forwarding path (a one-off cost) before
  // measuring.
  private static final int WARMUP = Integer.getInteger("bench.warmup", 10);

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of("target/bench/relay").toAbsolutePath());
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    Vertx vertx = Vertx.vertx();
    WebSocketClientOptions trust =
        new WebSocketClientOptions().setSsl(true).setTrustOptions(cert.trustOptions());
    WebSocketClientOptions plain = new WebSocketClientOptions();
    try (RelayNode tlsRelay = RelayNode.start(cert, dir.resolve("relay.log"), jvm("tls"));
        RelayNode plainRelay =
            RelayNode.start(
                cert, dir.resolve("relay-plain.log"), jvm("plain"), "relay.plain=true")) {
      System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", cores(), cpuModel());
      List<Object> idle = new ArrayList<>(idle(vertx, trust, tlsRelay, "relay TLS"));
      idle.addAll(idle(vertx, plain, plainRelay, "relay plain"));
      Result direct = direct(vertx, trust);
      Result socat = socat(vertx, trust, cert, false);
      Result socatTls = socat(vertx, trust, cert, true);
      Result viaTls = relay(vertx, trust, tlsRelay, "relay TLS");
      Result viaPlain = relay(vertx, plain, plainRelay, "relay plain");
      report(direct, viaTls, viaPlain, tlsRelay);
      ratio("relay TLS", viaTls, "socat with TLS on both sides", socatTls);
      ratio("relay plain", viaPlain, "plain socat", socat);
      ratio("relay TLS", viaTls, "plain socat", socat);
      System.out.printf("idle hubs still held: %d%n", idle.size());
    } finally {
      vertx.close();
    }
  }

  /** The relay's JVM options; {@code bench.relay-jvm} adds more ({name} is tls or plain). */
  private static List<String> jvm(String name) {
    List<String> jvm = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC"));
    String extra = System.getProperty("bench.relay-jvm", ""); // e.g. -XX:StartFlightRecording=...
    if (!extra.isBlank()) {
      jvm.addAll(List.of(extra.replace("{name}", name).trim().split("\\s+")));
    }
    return jvm;
  }

  private static List<?> idle(
      Vertx vertx, WebSocketClientOptions options, RelayNode relay, String name) throws Exception {
    long rssStart = relay.statusKb("VmRSS:");
    long t0 = System.nanoTime();
    List<?> hubs = new BenchStreams(vertx, options).idleHubs(relay.port, IDLE, 50);
    long rss = relay.statusKb("VmRSS:");
    System.out.printf(
        Locale.ROOT,
        "%s: %d idle proven hubs connected in %.1f s; RSS %,d kB -> %,d kB (%.1f kB per hub)%n",
        name,
        hubs.size(),
        (System.nanoTime() - t0) / 1e9,
        rssStart,
        rss,
        (rss - rssStart) / (double) Math.max(1, hubs.size()));
    return hubs;
  }

  private static void ratio(String name, Result relay, String against, Result other) {
    if (other != null) {
      System.out.printf(
          Locale.ROOT,
          "%s CPU per stream = %.2f x %s's, per frame carried %.2f x (goal <= 1.5)%n",
          name,
          relay.cpu / Math.max(1e-9, other.cpu),
          against,
          relay.cpu / Math.max(1, relay.samples) / Math.max(1e-12, other.cpu / other.samples));
    }
  }

  private record Result(String name, long p50, long p99, long max, int samples, double cpu) {}

  private static Result direct(Vertx vertx, WebSocketClientOptions trust) throws Exception {
    BenchStreams streams = new BenchStreams(vertx, trust);
    int port = RelayNode.freePort();
    streams.sink(port, null).toCompletionStage().toCompletableFuture().get();
    NetClient client = vertx.createNetClient();
    for (int i = 0; i < STREAMS; i++) {
      streams.forwardedStream(client, port, BITRATE);
    }
    return measure("direct TCP", streams, () -> 0L);
  }

  /** socat as a plain TCP forwarder, or with TLS on both sides ({@code tls}), as the relay has. */
  private static Result socat(
      Vertx vertx, WebSocketClientOptions trust, SelfSignedCertificate cert, boolean tls)
      throws Exception {
    if (!Files.isExecutable(Path.of("/usr/bin/socat"))) {
      System.out.println("socat: skipped, /usr/bin/socat is missing (apt-get install socat)");
      return null;
    }
    BenchStreams streams = new BenchStreams(vertx, trust);
    int sinkPort = RelayNode.freePort();
    int port = RelayNode.freePort();
    streams
        .sink(sinkPort, tls ? cert.keyCertOptions() : null)
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    Process socat = new ProcessBuilder(socatCommand(port, sinkPort, cert, tls)).start();
    try {
      awaitPort(port);
      NetClient client =
          vertx.createNetClient(
              new io.vertx.core.net.NetClientOptions()
                  .setSsl(tls)
                  .setTrustOptions(cert.trustOptions())
                  .setHostnameVerificationAlgorithm(""));
      for (int i = 0; i < STREAMS; i++) {
        streams.forwardedStream(client, port, BITRATE);
      }
      return measure(tls ? "socat TLS" : "socat", streams, () -> treeTicks(socat.pid()));
    } finally {
      socat.descendants().forEach(ProcessHandle::destroy);
      socat.destroy();
    }
  }

  private static Result relay(
      Vertx vertx, WebSocketClientOptions trust, RelayNode relay, String name) throws Exception {
    BenchStreams streams = new BenchStreams(vertx, trust);
    for (int i = 0; i < STREAMS; i++) {
      streams.relayStream(relay.port, BITRATE);
    }
    return measure(name, streams, relay::cpuTicks);
  }

  private static Result measure(String name, BenchStreams streams, Ticks ticks) throws Exception {
    Thread.sleep(WARMUP * 1000L);
    streams.recording = true;
    long cpu0 = ticks.get();
    Thread.sleep(SECONDS * 1000L);
    long cpu1 = ticks.get();
    streams.recording = false;
    streams.stopAll();
    List<Long> sorted = new ArrayList<>(streams.samples);
    sorted.sort(null);
    double cpuCores = (cpu1 - cpu0) / 100.0 / SECONDS;
    Result r =
        new Result(
            name, pct(sorted, 50), pct(sorted, 99), pct(sorted, 100), sorted.size(), cpuCores);
    System.out.printf(
        Locale.ROOT,
        "%-11s %d streams x %.1f Mbit/s: latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d frames);"
            + " CPU %.3f cores (%.4f per stream)%n",
        name,
        STREAMS,
        BITRATE / 1e6,
        r.p50 / 1e3,
        r.p99 / 1e3,
        r.max / 1e3,
        r.samples,
        cpuCores,
        cpuCores / STREAMS);
    Thread.sleep(1_000);
    return r;
  }

  private static void report(Result direct, Result tls, Result plain, RelayNode node)
      throws IOException {
    for (Result relay : List.of(tls, plain)) {
      System.out.printf(
          Locale.ROOT,
          "%s-added latency (minus direct TCP): p50 %.2f ms, p99 %.2f ms (goal p99 < 10 ms);"
              + " %.0f streams per core%n",
          relay.name,
          (relay.p50 - direct.p50) / 1e3,
          (relay.p99 - direct.p99) / 1e3,
          STREAMS / Math.max(1e-9, relay.cpu));
    }
    System.out.printf(
        Locale.ROOT,
        "relay TLS RSS now %,d kB, peak %,d kB%n",
        node.statusKb("VmRSS:"),
        node.statusKb("VmHWM:"));
  }

  private static List<String> socatCommand(
      int port, int sinkPort, SelfSignedCertificate cert, boolean tls) {
    if (!tls) {
      return List.of(
          "/usr/bin/socat",
          "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr,nodelay",
          "TCP:127.0.0.1:" + sinkPort + ",nodelay");
    }
    return List.of(
        "/usr/bin/socat",
        "OPENSSL-LISTEN:"
            + port
            + ",bind=127.0.0.1,fork,reuseaddr,nodelay,verify=0,cert="
            + cert.certificatePath()
            + ",key="
            + cert.privateKeyPath(),
        "OPENSSL:127.0.0.1:" + sinkPort + ",verify=0,nodelay");
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
  }

  /** CPU of socat and its forked children, in ticks (from ns, so shares below a tick count). */
  private static long treeTicks(long pid) {
    long sum = 0;
    for (long id :
        ProcessHandle.of(pid)
            .map(p -> p.descendants().mapToLong(ProcessHandle::pid).toArray())
            .orElse(new long[0])) {
      sum += nanosOrZero(id);
    }
    return (sum + nanosOrZero(pid)) / 10_000_000;
  }

  private static long nanosOrZero(long pid) {
    try {
      return ProcStat.mainThreadNanos(pid); // socat is single-threaded
    } catch (IOException | RuntimeException e) {
      return 0; // exited
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("socat did not listen on " + port);
  }

  private static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String cpuModel() throws IOException {
    return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
        .filter(l -> l.startsWith("model name"))
        .findFirst()
        .map(l -> l.substring(l.indexOf(':') + 2))
        .orElse("unknown CPU");
  }

  @FunctionalInterface
  private interface Ticks {
    long get() throws IOException;
  }
}
