package io.hearth.api;

import io.hearth.runtime.testing.ChildProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The hub as a separate operating-system process, as systemd or a user runs it. */
public final class HubProcess implements AutoCloseable {
  final ChildProcess child;
  final Process process;
  final Path data;
  final Path log;

  private HubProcess(ChildProcess child, Path data) {
    this.child = child;
    this.process = child.process();
    this.data = data;
    this.log = child.log();
  }

  /**
   * Starts {@code hearth <args>} with the test class path; output goes to a log file. The mDNS
   * adapter is left out: with it the hub would discover and announce on every real interface.
   */
  public static HubProcess launch(Path data, Path log, String... args) throws IOException {
    return launch(false, data, log, args);
  }

  /**
   * As {@link #launch(Path, Path, String...)}; with {@code discovery} the mDNS adapter is on the
   * class path too (give it {@code discovery.interfaces} of a test network).
   */
  public static HubProcess launch(boolean discovery, Path data, Path log, String... args)
      throws IOException {
    return launch(hub(discovery).args(args).log(log), data);
  }

  /**
   * Starts the hub {@code child} describes (see {@link #hub}) on {@code data}, with more options
   * than the other launchers give (JVM options, an appended log).
   */
  public static HubProcess launch(ChildProcess.Builder child, Path data) throws IOException {
    Files.deleteIfExists(data.resolve("ports.json"));
    return new HubProcess(child.start(), data);
  }

  /** {@code hearth} in a JVM of its own: add its arguments and a log, then launch it. */
  public static ChildProcess.Builder hub(boolean discovery) {
    return ChildProcess.java("io.hearth.runtime.cli.Main").classPath(classPath(discovery));
  }

  /** Runs the hub on free loopback ports, then {@code sets} ({@code key=value}) on top. */
  public static HubProcess run(Path data, Path log, String... sets) throws IOException {
    return run(false, data, log, sets);
  }

  /** As {@link #run(Path, Path, String...)}, with the mDNS adapter when {@code discovery}. */
  public static HubProcess run(boolean discovery, Path data, Path log, String... sets)
      throws IOException {
    return launch(discovery, data, log, runArgs(data, List.of(sets)).toArray(String[]::new));
  }

  /** {@code run --data <data>} with the API on port 0 of 127.0.0.1, then a --set per setting. */
  public static List<String> runArgs(Path data, List<String> sets) {
    List<String> args = new ArrayList<>(List.of("run", "--data", data.toString()));
    List<String> all = new ArrayList<>(LOOPBACK_API);
    all.addAll(sets);
    all.forEach(set -> args.addAll(List.of("--set", set)));
    return args;
  }

  private static final List<String> LOOPBACK_API =
      List.of(
          "api.port=0",
          "api.http-port=0",
          "api.host=127.0.0.1",
          "api.mqtt.port=0",
          "api.mqtt.tls-port=0",
          "restream.port=0",
          "restream.tls-port=0");

  /** Waits until the hub has written ports.json, and returns the plain HTTP port. */
  public int awaitHttpPort(Duration limit) throws Exception {
    Path ports = data.resolve("ports.json");
    return child.await(limit, "the hub writes ports.json", () -> httpPort(ports));
  }

  /** The port once ports.json is there (and whole: a half-written file does not parse). */
  private static Integer httpPort(Path ports) throws IOException {
    return Files.exists(ports)
        ? new JsonObject(Files.readString(ports)).getInteger("api.http-port")
        : null;
  }

  public String output() throws IOException {
    return child.output();
  }

  /** The process itself, to wait for its files, stop it politely or read its pid. */
  public ChildProcess child() {
    return child;
  }

  public String ownerToken() throws IOException {
    return Files.readString(data.resolve("owner.token")).trim();
  }

  /** The plain MQTT port from ports.json (call after {@link #awaitHttpPort}). */
  public int mqttPort() throws IOException {
    return new JsonObject(Files.readString(data.resolve("ports.json"))).getInteger("api.mqtt.port");
  }

  /** kill -9: no shutdown hook, no last flush. */
  public void kill() throws InterruptedException {
    child.kill();
  }

  @Override
  public void close() {
    try {
      child.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This JVM's class path without test classes, and without the mDNS adapter unless asked. */
  public static String classPath(boolean discovery) {
    return ChildProcess.productionClassPath(entry -> discovery || !isMdnsAdapter(entry));
  }

  /** The mDNS adapter's jar (or classes, in a reactor build). */
  static boolean isMdnsAdapter(String entry) {
    return entry.contains("hearth-adapter-mdns") || entry.contains("adapters/mdns/target");
  }
}
