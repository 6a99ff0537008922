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
 * Relay benchmark (a program, not a test; see docs/benchmarks.md): {@code bench.idle} proven hubs
 * (1,000) sit connected to a relay process while {@code bench.streams} homes (100) each stream
 * {@code bench.bitrate} (4 Mbit/s) of 64 KiB frames stamped with their send time to one viewer. The
 * same frames then go directly over TCP and through socat (a plain TCP forwarder) in the same run.
 * Prints latency p50/p99 of each path, the relay's CPU per stream against socat's, streams per
 * core, and the relay's RSS with the idle hubs. Loopback only.
 */
public final class RelayBenchmark {
  private static final int STREAMS = Integer.getInteger("bench.streams", 100);
  private static final int IDLE = Integer.getInteger("bench.idle", 1000);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final long BITRATE = Long.getLong("bench.bitrate", 4_000_000);

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of("target/bench/relay").toAbsolutePath());
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    Vertx vertx = Vertx.vertx();
    WebSocketClientOptions trust =
        new WebSocketClientOptions().setSsl(true).setTrustOptions(cert.trustOptions());
    List<String> jvm = List.of("-Xmx512m", "-XX:+UseSerialGC");
    try (RelayNode relay = RelayNode.start(cert, dir.resolve("relay.log"), jvm)) {
      System.out.printf(Locale.ROOT, "machine: %d cores, %s%n", cores(), cpuModel());
      long rssStart = relay.statusKb("VmRSS:");
      BenchStreams idle = new BenchStreams(vertx, trust);
      long t0 = System.nanoTime();
      List<?> idleHubs = idle.idleHubs(relay.port, IDLE, 200);
      System.out.printf(
          Locale.ROOT,
          "idle: %d proven hubs connected in %.1f s; relay RSS %,d kB -> %,d kB (%.1f kB per hub)%n",
          IDLE,
          (System.nanoTime() - t0) / 1e9,
          rssStart,
          relay.statusKb("VmRSS:"),
          (relay.statusKb("VmRSS:") - rssStart) / (double) Math.max(1, IDLE));
      Result direct = direct(vertx, trust);
      Result socat = socat(vertx, trust, cert, false);
      Result socatTls = socat(vertx, trust, cert, true);
      Result viaRelay = relay(vertx, trust, relay);
      report(direct, socat, viaRelay, relay);
      if (socatTls != null) {
        System.out.printf(
            Locale.ROOT,
            "relay CPU per stream = %.2f x socat's with TLS on both sides (the relay's own work)%n",
            viaRelay.cpu / Math.max(1e-9, socatTls.cpu));
      }
      System.out.printf("idle hubs still held: %d%n", idleHubs.size());
    } finally {
      vertx.close();
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

  private static Result relay(Vertx vertx, WebSocketClientOptions trust, RelayNode relay)
      throws Exception {
    BenchStreams streams = new BenchStreams(vertx, trust);
    for (int i = 0; i < STREAMS; i++) {
      streams.relayStream(relay.port, BITRATE);
    }
    return measure("relay", streams, relay::cpuTicks);
  }

  private static Result measure(String name, BenchStreams streams, Ticks ticks) throws Exception {
    Thread.sleep(3_000); // warm up
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
        "%-10s %d streams x %.1f Mbit/s: latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d frames);"
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

  private static void report(Result direct, Result socat, Result relay, RelayNode node)
      throws IOException {
    System.out.printf(
        Locale.ROOT,
        "relay-added latency (relay minus direct TCP): p50 %.2f ms, p99 %.2f ms (goal p99 < 10 ms)%n",
        (relay.p50 - direct.p50) / 1e3,
        (relay.p99 - direct.p99) / 1e3);
    if (socat != null) {
      System.out.printf(
          Locale.ROOT,
          "socat-added latency: p50 %.2f ms, p99 %.2f ms; relay CPU per stream = %.2f x socat's"
              + " (goal <= 1.5)%n",
          (socat.p50 - direct.p50) / 1e3,
          (socat.p99 - direct.p99) / 1e3,
          relay.cpu / Math.max(1e-9, socat.cpu));
    }
    System.out.printf(
        Locale.ROOT,
        "streams per core: relay %.0f%s; relay RSS now %,d kB, peak %,d kB%n",
        STREAMS / Math.max(1e-9, relay.cpu),
        socat == null ? "" : String.format(Locale.ROOT, ", socat %.0f", STREAMS / socat.cpu),
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
