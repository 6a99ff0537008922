package io.hearth.api.mqtt;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
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
import java.util.concurrent.TimeUnit;

/**
 * A headless Node-RED for a test: its own user directory, the editor off, no telemetry, the admin
 * API and HTTP nodes on one loopback port; flows deployed with {@code POST /admin/flows}. Its
 * output goes to a log file in the user directory, quoted when something does not happen.
 */
final class NodeRed implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final int port;

  /** HTTP/1.1: Node's server leaves a request asking to upgrade to h2c unanswered. */
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private volatile String lastReading = "(none yet)";

  private NodeRed(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  static NodeRed start(Path redJs, Path userDir) throws Exception {
    Files.createDirectories(userDir);
    int port = Peers.freePort();
    Path settings = userDir.resolve("settings.js");
    Files.writeString(
        settings,
        "module.exports = { uiHost: '127.0.0.1', uiPort: "
            + port
            + ", httpAdminRoot: '/admin', httpNodeRoot: '/', disableEditor: true,"
            + " flowFile: 'flows.json', credentialSecret: false, telemetry: { enabled: false },"
            + " logging: { console: { level: 'info', metrics: false, audit: false } } };\n");
    Path log = userDir.resolve("node-red.log");
    Process process =
        new ProcessBuilder(
                "node",
                redJs.toAbsolutePath().toString(),
                "--userDir",
                userDir.toAbsolutePath().toString(),
                "--settings",
                settings.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    NodeRed red = new NodeRed(process, log, port);
    try {
      Eventually.check(
          Duration.ofSeconds(60),
          "Node-RED's admin API answers",
          () -> red.get("/admin/settings").statusCode() == 200);
    } catch (AssertionError e) {
      red.close();
      throw new AssertionError(e.getMessage() + "; its log: " + red.logTail(), e);
    }
    return red;
  }

  /** Replaces every flow (a full deployment), as the editor's Deploy button does. */
  void deploy(JsonArray flow) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri("/admin/flows"))
                .header("Content-Type", "application/json")
                .header("Node-RED-API-Version", "v1")
                .header("Node-RED-Deployment-Type", "full")
                .POST(HttpRequest.BodyPublishers.ofString(flow.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() >= 300) {
      throw new AssertionError("deploy refused: " + answer.statusCode() + " " + answer.body());
    }
  }

  /** What the flow's {@code GET /reading} endpoint says it has seen. */
  JsonObject reading() throws Exception {
    HttpResponse<String> answer = get("/reading");
    lastReading = answer.statusCode() + " " + answer.body();
    return new JsonObject(answer.body());
  }

  /** How many motion messages the flow received; -1 when it could not be asked. */
  int motionTopics() {
    try {
      return reading().getJsonArray("motion").size();
    } catch (Exception e) {
      return -1;
    }
  }

  String lastReading() {
    return lastReading + "; Node-RED's log: " + logTail();
  }

  String logTail() {
    try {
      String text = Files.readString(log);
      return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
