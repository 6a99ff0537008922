package io.hearth.api;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The hub as a separate operating-system process, as systemd or a user runs it. */
public final class HubProcess implements AutoCloseable {
  final Process process;
  final Path data;
  final Path log;

  private HubProcess(Process process, Path data, Path log) {
    this.process = process;
    this.data = data;
    this.log = log;
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
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(discovery),
                "io.hearth.runtime.cli.Main"));
    command.addAll(List.of(args));
    Files.deleteIfExists(data.resolve("ports.json"));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new HubProcess(process, data, log);
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
          "api.mqtt.tls-port=0");

  /** Waits until the hub has written ports.json, and returns the plain HTTP port. */
  public int awaitHttpPort(Duration limit) throws Exception {
    Path ports = data.resolve("ports.json");
    try {
      return Eventually.value(limit, "the hub writes ports.json", () -> httpPort(ports));
    } catch (AssertionError e) {
      throw e.getMessage().startsWith("the hub exited")
          ? e
          : new AssertionError("the hub did not start within " + limit + ": " + output());
    }
  }

  /** The port once ports.json is there; fails at once (an Error, not retried) if the hub died. */
  private Integer httpPort(Path ports) throws IOException {
    if (!process.isAlive()) {
      throw new AssertionError("the hub exited with " + process.exitValue() + ": " + output());
    }
    return Files.exists(ports)
        ? new JsonObject(Files.readString(ports)).getInteger("api.http-port")
        : null;
  }

  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
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
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** This JVM's class path without test classes, and without the mDNS adapter unless asked. */
  static String classPath(boolean discovery) {
    String path = System.getProperty("surefire.test.class.path");
    if (path == null || path.isBlank()) {
      path = System.getProperty("java.class.path");
    }
    // The production class path: without test classes (and their quieter logback-test.xml).
    return java.util.Arrays.stream(path.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
        .filter(entry -> discovery || !isMdnsAdapter(entry))
        .collect(java.util.stream.Collectors.joining(File.pathSeparator));
  }

  /** The mDNS adapter's jar (or classes, in a reactor build). */
  static boolean isMdnsAdapter(String entry) {
    return entry.contains("hearth-adapter-mdns") || entry.contains("adapters/mdns/target");
  }
}
