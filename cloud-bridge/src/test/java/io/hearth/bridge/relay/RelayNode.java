package io.hearth.bridge.relay;

import io.vertx.core.net.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code hearth relay} as a child JVM on loopback for tests and benchmarks: started with --set
 * options, ready once it prints its listening line (its output goes on to a log file), stopped with
 * SIGKILL when a test wants a node to die. Reads its RSS and CPU time from /proc.
 */
final class RelayNode implements AutoCloseable {
  final Process process;
  final int port;

  private RelayNode(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** A relay of TLS on {@code localhost}; {@code extra} are more --set options. */
  static RelayNode start(SelfSignedCertificate cert, Path log, List<String> jvm, String... extra)
      throws Exception {
    int port = freePort();
    List<String> sets = new ArrayList<>(List.of("relay.host=localhost", "relay.port=" + port));
    sets.addAll(List.of("relay.public-name=localhost", "relay.tls-cert=" + cert.certificatePath()));
    sets.add("relay.tls-key=" + cert.privateKeyPath());
    sets.addAll(List.of(extra));
    Process process = launch(jvm, sets);
    RelayNode node = new RelayNode(process, port);
    node.awaitListening(log);
    return node;
  }

  static int freePort() throws IOException {
    try (ServerSocket free = new ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /** SIGKILL: the node dies without a word to its peers. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** A field of /proc/PID/status in kB (VmRSS:, VmHWM:). */
  long statusKb(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** User plus system CPU time of the process in clock ticks (1/100 s). */
  long cpuTicks() throws IOException {
    return ProcStat.cpuTicks(process.pid());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }

  private void awaitListening(Path log) throws Exception {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread pump = new Thread(() -> pump(log, ready), "relay-node-output");
    pump.setDaemon(true);
    pump.start();
    if (!ready.get(90, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the relay node did not start; see " + log);
    }
  }

  private void pump(Path log, CompletableFuture<Boolean> ready) {
    try (BufferedReader lines =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = Files.newBufferedWriter(log)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        out.write(line + "\n");
        out.flush();
        if (line.startsWith("Hearth relay listening")) {
          ready.complete(true);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
    ready.complete(false);
  }

  private static Process launch(List<String> jvm, List<String> sets) throws IOException {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvm);
    command.addAll(List.of("-cp", classPath, "io.hearth.runtime.cli.Main", "relay"));
    for (String set : sets) {
      command.add("--set");
      command.add(set);
    }
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
