package io.hearth.bridge.relay;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hearth relay} as a child JVM on loopback for tests and benchmarks: started with --set
 * options, ready once it prints its listening line (its output goes to a log file), stopped with
 * SIGKILL when a test wants a node to die. Reads its RSS and CPU time from /proc.
 */
final class RelayNode implements AutoCloseable {
  final Process process;
  final int port;
  private final ChildProcess child;

  private RelayNode(ChildProcess child, int port) {
    this.child = child;
    this.process = child.process();
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
    ChildProcess child = relay(sets).jvmArgs(jvm).log(log).start();
    try {
      child.awaitOutput("Hearth relay listening", Duration.ofSeconds(90));
    } catch (Exception | AssertionError e) {
      child.kill();
      throw e;
    }
    return new RelayNode(child, port);
  }

  /** {@code hearth relay} with these {@code --set} options, in a JVM of its own. */
  static ChildProcess.Builder relay(List<String> sets) {
    List<String> args = new ArrayList<>(List.of("relay"));
    sets.forEach(set -> args.addAll(List.of("--set", set)));
    return ChildProcess.java("io.hearth.runtime.cli.Main").args(args);
  }

  static int freePort() {
    return Peers.freePort();
  }

  /** SIGKILL: the node dies without a word to its peers. */
  void kill() throws InterruptedException {
    child.kill();
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
    child.close();
  }
}
