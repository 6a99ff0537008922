package io.hearth.api.bench;

import io.hearth.api.HubProcess;
import io.hearth.runtime.testing.ChildProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * The hub under test, as its own JVM ({@code io.hearth.runtime.cli.Main run}) on free loopback
 * ports, so that its CPU time is its alone; with the REST calls the benchmark needs, made over the
 * loopback plain-HTTP port.
 */
final class BenchHub implements AutoCloseable {
  private final HubProcess process;
  private final Path data;
  private final Path log;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int httpPort;
  private JsonObject ports;
  private String ownerToken;

  private BenchHub(HubProcess process, Path data, Path log) {
    this.process = process;
    this.data = data;
    this.log = log;
  }

  /** Starts the hub with this JVM's class path minus test classes, and waits until it listens. */
  static BenchHub start(Path data, Path log) throws Exception {
    return start(data, log, List.of());
  }

  /** The same, with more {@code section.key=value} settings. */
  static BenchHub start(Path data, Path log, List<String> sets) throws Exception {
    Files.deleteIfExists(log);
    BenchHub hub = launch(data, log, sets);
    hub.awaitPorts(data, Duration.ofSeconds(60));
    return hub;
  }

  /**
   * Starts the hub without waiting for it, as systemd restarts it: on the same data directory, the
   * same settings, and this hub's plain HTTP port, so that displays find it where it was. Logs are
   * appended to the same file.
   */
  BenchHub relaunch(List<String> sets) throws Exception {
    List<String> same = new ArrayList<>(sets);
    same.add("api.http-port=" + httpPort);
    BenchHub next = launch(data, log, same);
    next.httpPort = httpPort;
    next.ownerToken = ownerToken;
    return next;
  }

  /** Waits until the hub has written its ports and owner token (after {@link #relaunch}). */
  BenchHub awaitStarted() throws Exception {
    awaitPorts(data, Duration.ofSeconds(60));
    return this;
  }

  /** Ends the hub as a power cut or the OOM killer would: SIGKILL, no shutdown hook. */
  void kill() throws InterruptedException {
    process.kill();
  }

  private static BenchHub launch(Path data, Path log, List<String> sets) throws Exception {
    // e.g. -Dbench.hub-jvm-args="-XX:StartFlightRecording=filename=hub.jfr" to profile the hub
    String jvmArgs = System.getProperty("bench.hub-jvm-args", "").trim();
    ChildProcess.Builder hub =
        HubProcess.hub(false).args(HubProcess.runArgs(data, sets)).log(log, true);
    if (!jvmArgs.isEmpty()) {
      hub.jvmArgs(Arrays.asList(jvmArgs.split("\\s+")));
    }
    return new BenchHub(HubProcess.launch(hub, data), data, log);
  }

  /** Waits until the hub has written its ports and owner token, each file whole. */
  private void awaitPorts(Path data, Duration limit) throws Exception {
    httpPort = process.awaitHttpPort(limit);
    ports = process.child().await(limit, "ports.json", () -> portsOf(data));
    ownerToken = process.child().await(limit, "owner.token", () -> tokenOf(data));
  }

  private static JsonObject portsOf(Path data) throws Exception {
    return new JsonObject(Files.readString(data.resolve("ports.json")));
  }

  private static String tokenOf(Path data) throws Exception {
    String token = Files.readString(data.resolve("owner.token")).trim();
    return token.isEmpty() ? null : token;
  }

  /** A bound port by its key, e.g. api.mqtt.tls-port. */
  int port(String key) {
    return ports.getInteger(key);
  }

  int httpPort() {
    return httpPort;
  }

  String ownerToken() {
    return ownerToken;
  }

  ProcessHandle process() {
    return process.child().process().toHandle();
  }

  /** The hub JVM's exit code, or empty while it runs. */
  OptionalInt exitCode() {
    Process jvm = process.child().process();
    return jvm.isAlive() ? OptionalInt.empty() : OptionalInt.of(jvm.exitValue());
  }

  String addCamera(String name, String url) throws Exception {
    JsonObject camera = new JsonObject().put("name", name).put("url", url);
    return call("POST", "/api/v1/cameras", ownerToken, camera).getString("id");
  }

  /** A REST call as the owner; the answer's JSON (empty for 204). */
  JsonObject asOwner(String method, String path, JsonObject body) throws Exception {
    return call(method, path, ownerToken, body);
  }

  void deleteCamera(String id) throws Exception {
    call("DELETE", "/api/v1/cameras/" + id, ownerToken, null);
  }

  /** Opens an MSE session of {@code cameraId} as the holder of {@code token}. */
  JsonObject openSession(String token, String cameraId) throws Exception {
    return call(
        "POST",
        "/api/v1/cameras/" + cameraId + "/sessions",
        token,
        new JsonObject().put("format", "mse"));
  }

  /** Pairs a display (RFC 8628: begin, owner approves, one poll) with live grants; its token. */
  String pairDisplay(String name, List<String> cameraIds) throws Exception {
    JsonObject codes =
        call("POST", "/api/v1/displays/pair", null, new JsonObject().put("name", name));
    call(
        "POST",
        "/api/v1/displays/approve",
        ownerToken,
        new JsonObject()
            .put("user_code", codes.getString("user_code"))
            .put("name", name)
            .put("cameras", new JsonArray(cameraIds))
            .put("scopes", new JsonArray().add("live")));
    JsonObject device = new JsonObject().put("device_code", codes.getString("device_code"));
    return call("POST", "/api/v1/displays/token", null, device).getString("access_token");
  }

  private JsonObject call(String method, String path, String token, JsonObject body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> answer =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body().isBlank() ? new JsonObject() : new JsonObject(answer.body());
  }

  @Override
  public void close() {
    try {
      process.child().close();
    } catch (InterruptedException e) {
      process.child().process().destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
