package io.hearth.api.mqtt;

import io.hearth.api.mqtt.ReferenceBrokers.Target;
import io.hearth.runtime.testing.MosquittoSub;
import io.hearth.runtime.testing.Peers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * mosquitto_pub and mosquitto_sub (Debian's mosquitto-clients) pointed at a conformance target, in
 * MQTT 3.1.1 ("mqttv311") or 5 ("mqttv5").
 */
final class MosquittoCli {
  private MosquittoCli() {}

  /** The command line of a client program against this target and protocol version. */
  static List<String> command(Target t, String version, String program, String... more) {
    Peers.require(program, "mosquitto-clients");
    List<String> args =
        new ArrayList<>(
            List.of(
                program, "-h", t.host(), "-p", "" + t.port(), "-V", version, "-u", "conformance"));
    args.addAll(List.of("-P", t.password()));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * The command line of a client program against the hub's broker on loopback {@code port}, signed
   * in with {@code token} (as the password; the user name is not read).
   */
  static List<String> againstHub(int port, String token, String program, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(program, "-h", "127.0.0.1", "-p", "" + port, "-u", "x", "-P", token));
    args.addAll(List.of(more));
    return args;
  }

  /** Runs a client to its end (bounded) and returns its output lines. */
  static List<String> run(Target t, String version, String program, String... more)
      throws Exception {
    Process p =
        new ProcessBuilder(command(t, version, program, more)).redirectErrorStream(true).start();
    p.getOutputStream().close();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(program + " did not end");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return out.lines().toList();
  }

  /** Starts a mosquitto_sub with -d and waits until its SUBACK has arrived. */
  static Running subscribe(Target t, String version, String... more) throws Exception {
    List<String> args = command(t, version, "mosquitto_sub", more);
    args.add("-d");
    // Line-buffered: mosquitto_sub's debug lines would otherwise wait in a full stdout buffer.
    args.addAll(
        0,
        List.of(io.hearth.runtime.testing.Peers.require("stdbuf", "coreutils").toString(), "-oL"));
    Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
    Running running = new Running(process, new MosquittoSub(process));
    for (String line = running.lines.next(5000); ; line = running.lines.next(5000)) {
      if (line == null) {
        running.process.destroyForcibly();
        throw new AssertionError("mosquitto_sub did not subscribe: " + args);
      }
      running.debug.add(line);
      if (line.startsWith("Subscribed")) {
        return running;
      }
    }
  }

  /** A running mosquitto_sub, its output lines, and the debug lines read while waiting. */
  record Running(Process process, MosquittoSub lines, List<String> debug) {
    Running(Process process, MosquittoSub lines) {
      this(process, lines, new ArrayList<>());
    }

    /** Output lines until the process ends (bounded), after those already read. */
    List<String> rest() throws Exception {
      List<String> out = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        String line = lines.next(100);
        if (line != null) {
          out.add(line);
        } else if (!process.isAlive()) {
          return out;
        }
      }
      process.destroyForcibly();
      throw new AssertionError("mosquitto_sub did not end; it printed " + out);
    }
  }

  /**
   * Debug lines reduced to what both brokers must agree on: the client id (assigned by each broker)
   * is replaced by "C", or "null" when the broker did not tell the client its assigned id.
   */
  static List<String> packets(List<String> lines) {
    return lines.stream()
        .filter(l -> l.startsWith("Client "))
        .map(
            l -> l.replaceFirst("^Client \\(null\\) ", "null ").replaceFirst("^Client \\S+ ", "C "))
        .toList();
  }
}
