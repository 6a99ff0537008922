package io.hearth.runtime.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto broker for a test, on a free loopback port, with mosquitto_pub as the devices.
 * Stops and restarts on the same port to play an outage.
 */
public final class Mosquitto implements AutoCloseable {
  private final Path broker;
  private final Path dir;
  private final int port;
  private ChildProcess process;

  private Mosquitto(Path broker, Path dir, int port) {
    this.broker = broker;
    this.dir = dir;
    this.port = port;
  }

  /** An anonymous broker. */
  public static Mosquitto start(Path dir) throws Exception {
    return start(dir, null, null);
  }

  /** A broker that only lets this user in (when user is not null). */
  public static Mosquitto start(Path dir, String user, String password) throws Exception {
    return start(dir, user, password, null);
  }

  /** An anonymous broker that keeps nothing on disk (for benchmarks). */
  public static Mosquitto volatileBroker(Path dir) throws Exception {
    Path broker = Peers.require("mosquitto", "mosquitto");
    Mosquitto m = new Mosquitto(broker, dir, Peers.freePort());
    Files.writeString(
        dir.resolve("mosquitto.conf"),
        "listener " + m.port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
    m.restart();
    return m;
  }

  /**
   * A broker that only lets this user in, with mosquitto's access rules (an acl_file's text, e.g.
   * {@code "user u\ntopic read a/#\n"}) when acl is not null.
   */
  public static Mosquitto start(Path dir, String user, String password, String acl)
      throws Exception {
    Path broker = Peers.require("mosquitto", "mosquitto");
    Peers.require("mosquitto_pub", "mosquitto-clients");
    Peers.require("mosquitto_sub", "mosquitto-clients");
    Mosquitto m = new Mosquitto(broker, dir, Peers.freePort());
    m.writeConfig(user, password, acl);
    m.restart();
    return m;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the broker (SIGTERM: it saves its durable sessions) and waits for it to go. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.close();
      process = null;
    }
  }

  /** Starts (again) on the same port and waits until it accepts connections. */
  public void restart() throws Exception {
    process =
        ChildProcess.of(broker.toString(), "-c", dir.resolve("mosquitto.conf").toString())
            .log(log())
            .start();
    process.await(
        Duration.ofSeconds(10), "mosquitto listens", () -> accepts(port) ? Boolean.TRUE : null);
  }

  private static boolean accepts(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    }
  }

  public Path log() {
    return dir.resolve("mosquitto.log");
  }

  /** Publishes one message as a device would (QoS 1, retained if asked). */
  public void publish(String topic, String payload, boolean retain) throws Exception {
    List<String> args = client("mosquitto_pub", "-q", "1", "-t", topic, "-m", payload);
    if (retain) {
      args.add("-r");
    }
    run(new ProcessBuilder(args));
  }

  /** Publishes one message as this user. */
  public void publish(String user, String password, String topic, String payload) throws Exception {
    run(
        new ProcessBuilder(
            client("mosquitto_pub", "-u", user, "-P", password, "-t", topic, "-m", payload)));
  }

  /** Publishes a file's contents as one message. */
  public void publishFile(String topic, Path file) throws Exception {
    run(new ProcessBuilder(client("mosquitto_pub", "-t", topic, "-f", file.toString())));
  }

  /** Publishes each line of a file as its own message (QoS 0, as fast as it can). */
  public void publishLines(String topic, Path lines) throws Exception {
    run(
        new ProcessBuilder(client("mosquitto_pub", "-t", topic, "-l"))
            .redirectInput(lines.toFile()));
  }

  /** Starts mosquitto_sub on these topics, printing {@code topic payload} lines; 0: no count. */
  public MosquittoSub subscribe(int count, String... topics) throws IOException {
    List<String> args = client("mosquitto_sub", "-v");
    if (count > 0) {
      args.addAll(List.of("-C", String.valueOf(count)));
    }
    for (String t : topics) {
      args.add("-t");
      args.add(t);
    }
    return new MosquittoSub(new ProcessBuilder(args).redirectErrorStream(true).start());
  }

  public List<String> client(String program, String... more) {
    List<String> args = new ArrayList<>(List.of(program, "-h", "127.0.0.1", "-p", "" + port));
    args.addAll(List.of(more));
    return args;
  }

  private void writeConfig(String user, String password, String acl) throws Exception {
    StringBuilder conf = new StringBuilder();
    conf.append("user root\n").append("listener ").append(port).append(" 127.0.0.1\n");
    conf.append("persistence true\npersistence_location ").append(dir).append("/\n");
    if (user == null) {
      conf.append("allow_anonymous true\n");
    } else {
      Path passwords = dir.resolve("passwords");
      Files.writeString(passwords, "");
      run(new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), user, password));
      conf.append("allow_anonymous false\npassword_file ").append(passwords).append('\n');
    }
    if (acl != null) {
      Path rules = dir.resolve("acl");
      Files.writeString(rules, acl, StandardCharsets.UTF_8);
      conf.append("acl_file ").append(rules).append('\n');
    }
    Files.writeString(dir.resolve("mosquitto.conf"), conf.toString(), StandardCharsets.UTF_8);
  }

  private static void run(ProcessBuilder pb) throws Exception {
    Process p = pb.redirectErrorStream(true).start();
    if (pb.redirectInput().type() == ProcessBuilder.Redirect.Type.PIPE) {
      p.getOutputStream().close();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(String.join(" ", pb.command()) + " failed: " + out);
    }
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
