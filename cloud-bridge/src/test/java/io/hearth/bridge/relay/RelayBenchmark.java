package io.hearth.bridge.relay;

import io.vertx.core.net.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Relay benchmark (a program, not a test; see docs/benchmarks.md). Three kinds of process: two
 * relays ({@code hearth relay}, one with TLS and one with {@code relay.plain}), socat as a plain
 * TCP forwarder and as one with TLS on both sides, and one load process ({@link BenchLoad}) that
 * plays every hub, viewer and forwarder client. Each relay gets {@code bench.idle} proven hubs
 * (1,000) that sit connected; then {@code bench.streams} homes (100) per path each send {@code
 * bench.bitrate} (4 Mbit/s, a 1080p camera) of 64 KiB frames stamped with their send time, over
 * five paths: straight to the sink (the floor), plain socat, socat with TLS, the relay with TLS,
 * the relay without. The paths take turns, {@code bench.rounds} (3) times {@code bench.seconds} (5
 * s) each, so that a change in the machine's load falls on all of them alike. The load process
 * stamps and reads every frame (one clock); relay-added latency is a relay path's percentile minus
 * the matching socat path's. CPU is each process's own, from /proc: the relay's utime+stime,
 * socat's (parent and forked children), and the load process's, shown so a starved load process is
 * seen. The relays run {@code bench.loops} event loops each (1 by default as the relay; 0: one per
 * core). Loopback only.
 */
public final class RelayBenchmark {
  private static final int STREAMS = Integer.getInteger("bench.streams", 100);
  private static final int IDLE = Integer.getInteger("bench.idle", 1000);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 5);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
  private static final long BITRATE = Long.getLong("bench.bitrate", 4_000_000);
  // Long enough for the JIT to compile each path's forwarding (a one-off cost) before measuring.
  private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
  // Before each later round of a path: its streams were paused while the other paths ran.
  private static final int REWARM_MS = 2_000;
  private static final Path SOCAT = Path.of("/usr/bin/socat");
  // The relays' relay.event-loops (0: one per core, the default).
  private static final int LOOPS = Integer.getInteger("bench.loops", 1);

  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectories(Path.of("target/bench/relay").toAbsolutePath());
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    List<Process> socats = new ArrayList<>();
    System.out.printf(
        Locale.ROOT, "machine: %d cores, %s; load %s%n", cores(), cpuModel(), loadAverage());
    String loops = "relay.event-loops=" + LOOPS;
    System.out.printf(
        Locale.ROOT,
        "relays on %s event loop(s) each%n",
        LOOPS == 0 ? "one per core: " + cores() : LOOPS);
    try (RelayNode tlsRelay = RelayNode.start(cert, dir.resolve("relay.log"), jvm("tls"), loops);
        RelayNode plainRelay =
            RelayNode.start(
                cert, dir.resolve("relay-plain.log"), jvm("plain"), "relay.plain=true", loops);
        BenchLoadProcess load = BenchLoadProcess.start(cert, dir.resolve("load.log"))) {
      idle(load, tlsRelay, "relay-tls");
      idle(load, plainRelay, "relay-plain");
      idleCpu(tlsRelay, plainRelay);
      List<PathRun> paths = new ArrayList<>();
      paths.add(forwarded(load, "direct", -1, () -> 0L, () -> 0L));
      if (Files.isExecutable(SOCAT)) {
        paths.add(socat(load, cert, "socat", socats));
        paths.add(socat(load, cert, "socat-tls", socats));
      } else {
        System.out.println("socat: skipped, /usr/bin/socat is missing (apt-get install socat)");
      }
      paths.add(relay(load, tlsRelay, "relay-tls"));
      paths.add(relay(load, plainRelay, "relay-plain"));
      for (int round = 0; round < ROUNDS; round++) {
        for (PathRun path : paths) {
          path.run(load, round == 0 ? WARMUP * 1000 : REWARM_MS);
        }
        System.out.printf(Locale.ROOT, "round %d done, load %s%n", round + 1, loadAverage());
      }
      for (PathRun path : paths) {
        path.stats(load);
      }
      report(paths);
      for (RelayNode node : List.of(tlsRelay, plainRelay)) {
        System.out.printf(
            Locale.ROOT,
            "%s RSS now %,d kB, peak %,d kB (%,d idle + %d streaming)%n",
            node == tlsRelay ? "relay-tls" : "relay-plain",
            node.statusKb("VmRSS:"),
            node.statusKb("VmHWM:"),
            IDLE,
            STREAMS);
      }
      System.out.printf(Locale.ROOT, "load at the end %s%n", loadAverage());
    } finally {
      for (Process socat : socats) {
        socat.descendants().forEach(ProcessHandle::destroy);
        socat.destroy();
      }
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

  private static void idle(BenchLoadProcess load, RelayNode relay, String name) throws Exception {
    long rssStart = relay.statusKb("VmRSS:");
    String[] idle = load.ask("idle " + name + " " + relay.port + " " + IDLE, "@idle");
    int hubs = Integer.parseInt(idle[1]);
    long rss = relay.statusKb("VmRSS:");
    System.out.printf(
        Locale.ROOT,
        "%s: %d idle proven hubs connected in %s s; RSS %,d kB -> %,d kB (%.1f kB per hub)%n",
        name,
        hubs,
        idle[2],
        rssStart,
        rss,
        (rss - rssStart) / (double) Math.max(1, hubs));
  }

  /** The relays' CPU while only their idle hubs are connected. */
  private static void idleCpu(RelayNode tls, RelayNode plain) throws Exception {
    Thread.sleep(2_000);
    long tls0 = tls.cpuTicks();
    long plain0 = plain.cpuTicks();
    Thread.sleep(10_000);
    System.out.printf(
        Locale.ROOT,
        "idle hubs only, over 10 s: relay-tls %.4f cores, relay-plain %.4f cores%n",
        (tls.cpuTicks() - tls0) / 1000.0,
        (plain.cpuTicks() - plain0) / 1000.0);
  }

  /** Clients straight to a sink ({@code port} -1) or to a forwarder in front of it. */
  private static PathRun forwarded(
      BenchLoadProcess load, String name, int port, Ticks cpu, Ticks wait) throws Exception {
    int target = port > 0 ? port : sink(load, name);
    load.ask("forward " + name + " " + target + " " + STREAMS, "@ok");
    return new PathRun(name, cpu, wait, load);
  }

  private static int sink(BenchLoadProcess load, String name) throws Exception {
    return Integer.parseInt(load.ask("sink " + name, "@port")[1]);
  }

  /** socat as a plain TCP forwarder, or with TLS on both sides (as the relay has). */
  private static PathRun socat(
      BenchLoadProcess load, SelfSignedCertificate cert, String name, List<Process> socats)
      throws Exception {
    int sinkPort = sink(load, name);
    int port = RelayNode.freePort();
    Process socat =
        new ProcessBuilder(socatCommand(port, sinkPort, cert, name.endsWith("-tls")))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    socats.add(socat);
    awaitPort(port);
    return forwarded(load, name, port, () -> treeTicks(socat.pid()), () -> treeWait(socat.pid()));
  }

  private static PathRun relay(BenchLoadProcess load, RelayNode relay, String name)
      throws Exception {
    load.ask("relay " + name + " " + relay.port + " " + STREAMS, "@ok");
    return new PathRun(name, relay::cpuTicks, () -> ProcStat.waitNanos(relay.process.pid()), load);
  }

  /** One path's turns: CPU of its forwarder and of the load process, and its frames. */
  private static final class PathRun {
    final String name;
    private final Ticks cpu;
    private final Ticks wait;
    private final Ticks loadCpu;
    private final Ticks loadWait;
    long ticks;
    long loadTicks;
    long waited; // ns the forwarder's threads were runnable but had no CPU
    long loadWaited;
    long frames;
    final List<String> rounds = new ArrayList<>(); // cores in each round, to see the noise
    long[] stats; // n, p50, p99, max in µs

    PathRun(String name, Ticks cpu, Ticks wait, BenchLoadProcess load) {
      this.name = name;
      this.cpu = cpu;
      this.wait = wait;
      this.loadCpu = load::cpuTicks;
      this.loadWait = () -> ProcStat.waitNanos(load.process.pid());
    }

    void run(BenchLoadProcess load, int warmupMs) throws Exception {
      load.send("run " + name + " " + BITRATE + " " + warmupMs + " " + SECONDS * 1000);
      load.await("@recording");
      long c0 = cpu.get();
      long l0 = loadCpu.get();
      long w0 = wait.get();
      long lw0 = loadWait.get();
      String[] result = load.await("@result");
      long used = cpu.get() - c0;
      ticks += used;
      rounds.add(String.format(Locale.ROOT, "%.3f", used / 100.0 / SECONDS));
      loadTicks += loadCpu.get() - l0;
      waited += wait.get() - w0;
      loadWaited += loadWait.get() - lw0;
      frames += Long.parseLong(result[1]);
    }

    void stats(BenchLoadProcess load) throws Exception {
      String[] s = load.ask("stats " + name, "@stats");
      stats = new long[4];
      for (int i = 0; i < 4; i++) {
        stats[i] = Long.parseLong(s[i + 1]);
      }
    }

    double seconds() {
      return ROUNDS * (double) SECONDS;
    }

    /** Cores this path's forwarder used while its frames flowed. */
    double cores() {
      return ticks / 100.0 / seconds();
    }

    /** CPU seconds per frame carried (corrects for a path that fell behind). */
    double perFrame() {
      return ticks / 100.0 / Math.max(1, frames);
    }
  }

  private static void report(List<PathRun> paths) {
    long expected = (long) (STREAMS * ROUNDS * SECONDS * 1000.0 / BenchStreams.periodMs(BITRATE));
    System.out.printf(
        Locale.ROOT,
        "%d streams x %.1f Mbit/s per path, %d rounds x %d s; frames expected per path: %d%n",
        STREAMS,
        BITRATE / 1e6,
        ROUNDS,
        SECONDS,
        expected);
    System.out.println(
        "path          frames   p50 ms   p99 ms   max ms   cores    per stream"
            + "   waited ms/s   load-process cores, waited ms/s");
    for (PathRun p : paths) {
      System.out.printf(
          Locale.ROOT,
          "%-12s %7d %8.2f %8.2f %8.2f   %.4f   %.6f   %8.1f      %.3f, %.1f%n",
          p.name,
          p.frames,
          p.stats[1] / 1e3,
          p.stats[2] / 1e3,
          p.stats[3] / 1e3,
          p.cores(),
          p.cores() / STREAMS,
          p.waited / 1e6 / p.seconds(),
          p.loadTicks / 100.0 / p.seconds(),
          p.loadWaited / 1e6 / p.seconds());
    }
    for (PathRun p : paths) {
      System.out.printf(Locale.ROOT, "%s cores by round: %s%n", p.name, String.join(" ", p.rounds));
    }
    PathRun socat = find(paths, "socat");
    PathRun socatTls = find(paths, "socat-tls");
    PathRun relayTls = find(paths, "relay-tls");
    PathRun relayPlain = find(paths, "relay-plain");
    compare(relayPlain, socat);
    compare(relayTls, socatTls);
    compare(relayTls, socat);
    for (PathRun relay : List.of(relayTls, relayPlain)) {
      System.out.printf(
          Locale.ROOT,
          "%s: %.0f streams per core at %.1f Mbit/s%n",
          relay.name,
          STREAMS / Math.max(1e-9, relay.cores()),
          BITRATE / 1e6);
    }
    if (socat != null) {
      System.out.printf(
          Locale.ROOT, "socat: %.0f streams per core%n", STREAMS / Math.max(1e-9, socat.cores()));
    }
  }

  /** Added latency and the CPU ratio of a relay path against a socat path. */
  private static void compare(PathRun relay, PathRun socat) {
    if (socat == null) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%s - %s: added latency p50 %.2f ms, p99 %.2f ms (goal p99 < 10 ms);"
            + " CPU per stream %.2f x, per frame carried %.2f x (goal <= 1.5)%n",
        relay.name,
        socat.name,
        (relay.stats[1] - socat.stats[1]) / 1e3,
        (relay.stats[2] - socat.stats[2]) / 1e3,
        relay.cores() / Math.max(1e-9, socat.cores()),
        relay.perFrame() / Math.max(1e-12, socat.perFrame()));
  }

  private static PathRun find(List<PathRun> paths, String name) {
    return paths.stream().filter(p -> p.name.equals(name)).findFirst().orElse(null);
  }

  private static List<String> socatCommand(
      int port, int sinkPort, SelfSignedCertificate cert, boolean tls) {
    if (!tls) {
      return List.of(
          SOCAT.toString(),
          "TCP-LISTEN:" + port + ",bind=127.0.0.1,fork,reuseaddr,nodelay",
          "TCP:127.0.0.1:" + sinkPort + ",nodelay");
    }
    return List.of(
        SOCAT.toString(),
        "OPENSSL-LISTEN:"
            + port
            + ",bind=127.0.0.1,fork,reuseaddr,nodelay,verify=0,cert="
            + cert.certificatePath()
            + ",key="
            + cert.privateKeyPath(),
        "OPENSSL:127.0.0.1:" + sinkPort + ",verify=0,nodelay");
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

  /** Run-queue wait of socat and its forked children, in ns. */
  private static long treeWait(long pid) {
    return ProcessHandle.of(pid).stream()
        .flatMap(
            p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
        .mapToLong(p -> ProcStat.waitNanos(p.pid()))
        .sum();
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

  private static String loadAverage() throws IOException {
    String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return l[0] + " " + l[1] + " " + l[2];
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

  /** {@link BenchLoad} in a JVM of its own: commands on its stdin, answers on its stdout. */
  private static final class BenchLoadProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter in;
    private final BufferedReader out;
    private final Path log;

    private BenchLoadProcess(Process process, Path log) {
      this.process = process;
      this.log = log;
      this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      this.out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static BenchLoadProcess start(SelfSignedCertificate cert, Path log) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx1g");
      String extra = System.getProperty("bench.load-jvm", "");
      if (!extra.isBlank()) {
        command.addAll(List.of(extra.trim().split("\\s+")));
      }
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      command.addAll(
          List.of(BenchLoad.class.getName(), cert.certificatePath(), cert.privateKeyPath()));
      Process process =
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
              .start();
      return new BenchLoadProcess(process, log);
    }

    void send(String command) {
      in.println(command);
    }

    String[] ask(String command, String answer) throws IOException {
      send(command);
      return await(answer);
    }

    /** The next answer, which must start with {@code answer}. */
    String[] await(String answer) throws IOException {
      String line = out.readLine();
      while (line != null && !line.startsWith("@")) {
        line = out.readLine(); // not an answer (a library printing to stdout)
      }
      if (line == null) {
        throw new IllegalStateException("the load process ended; see " + log);
      }
      if (!line.startsWith(answer + " ") && !line.equals(answer)) {
        throw new IllegalStateException(
            "the load process answered \"" + line + "\" where " + answer + " was due; see " + log);
      }
      return line.split(" ");
    }

    long cpuTicks() throws IOException {
      return ProcStat.cpuTicks(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
      in.close();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
