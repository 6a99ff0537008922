package io.hearth.api;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The storm's hub: {@code hearth run} in a child JVM (so it can be killed with kill -9 and started
 * again on the same data directory), with the RTSP and mDNS adapters, discovering on the test
 * network only, RTSP over TCP unless a camera refuses it (then UDP); and its API over plain HTTP on
 * loopback, as the owner.
 */
final class StormHub implements AutoCloseable {
  private final Path data;
  private final Path dir;
  private final boolean discovery;
  private final List<String> settings;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HubProcess process;
  private volatile int port = -1;
  private String ownerToken;
  private int starts;

  StormHub(Path dir, String iface) {
    this(dir, true, List.of("discovery.interfaces=" + iface, "rtsp.transport=auto"));
  }

  /** A hub with the mDNS adapter or without, and these settings ({@code key=value}). */
  StormHub(Path dir, boolean discovery, List<String> settings) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.discovery = discovery;
    this.settings = settings;
  }

  /** Starts the hub and waits until its API listens; the moment it did (System.nanoTime). */
  long start() throws Exception {
    Path log = dir.resolve("hub-" + ++starts + ".log");
    process = HubProcess.run(discovery, data, log, settings.toArray(String[]::new));
    port = process.awaitHttpPort(Duration.ofSeconds(60));
    ownerToken = process.ownerToken();
    return System.nanoTime();
  }

  /** kill -9; the API is gone until the next {@link #start}. */
  void kill() throws InterruptedException {
    port = -1;
    process.process.destroyForcibly().waitFor();
  }

  /** The plain HTTP port, or -1 while the hub is down. */
  int port() {
    return port;
  }

  long pid() {
    return process.process.pid();
  }

  String output() throws IOException {
    return process.output();
  }

  /** RTP datagrams the hub said it dropped as not a camera's pinned source, in all its runs. */
  long droppedRtp() throws IOException {
    java.util.regex.Pattern line =
        java.util.regex.Pattern.compile("dropped (\\d+) RTP datagrams? for camera .*pinned source");
    long dropped = 0;
    for (int run = 1; run <= starts; run++) {
      Path log = dir.resolve("hub-" + run + ".log");
      java.util.regex.Matcher m = line.matcher(java.nio.file.Files.readString(log));
      while (m.find()) {
        dropped += Long.parseLong(m.group(1));
      }
    }
    return dropped;
  }

  String ownerToken() {
    return ownerToken;
  }

  HttpResponse<String> call(String method, String path, String token, String json)
      throws IOException, InterruptedException {
    return send(client, port, method, path, token, json);
  }

  static HttpResponse<String> send(
      HttpClient client, int port, String method, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return client.send(
        TestHub.authorized(request, token).build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonObject owner(String method, String path, JsonObject body) throws Exception {
    HttpResponse<String> answer =
        call(method, path, ownerToken, body == null ? null : body.encode());
    if (answer.statusCode() / 100 != 2) {
      throw new AssertionError(
          method + " " + path + ": " + answer.statusCode() + " " + answer.body());
    }
    return answer.body().isEmpty() ? new JsonObject() : new JsonObject(answer.body());
  }

  String addCamera(String name, String url) throws Exception {
    JsonObject camera = new JsonObject().put("name", name).put("url", url);
    return owner("POST", "/api/v1/cameras", camera).getString("id");
  }

  /** Adopts the inbox entry of {@code identity} once discovery has seen it; the camera's id. */
  String adopt(String identity, String name, long millis) throws Exception {
    String entry = awaitEntry(identity, millis).getString("id");
    JsonObject body = new JsonObject().put("name", name);
    return owner("POST", "/api/v1/discovered/" + entry + "/adopt", body).getString("adopted_id");
  }

  JsonObject awaitEntry(String identity, long millis) throws Exception {
    return Eventually.value(
        Duration.ofMillis(millis),
        "discovery reports " + identity,
        () -> entry(identity).orElse(null));
  }

  Optional<JsonObject> entry(String identity) throws Exception {
    JsonArray all = owner("GET", "/api/v1/discovered", null).getJsonArray("discovered");
    return all.stream()
        .map(JsonObject.class::cast)
        .filter(d -> identity.equals(d.getString("identity")))
        .findFirst();
  }

  /** Pairs a display with live grants on {@code cameras}; its access token and display id. */
  JsonObject pairDisplay(String name, List<String> cameras) throws Exception {
    return pairDisplay(name, cameras, List.of("live"));
  }

  /** Pairs a display with grants of {@code scopes} on {@code cameras}. */
  JsonObject pairDisplay(String name, List<String> cameras, List<String> scopes) throws Exception {
    HttpResponse<String> pair =
        call("POST", "/api/v1/displays/pair", null, new JsonObject().put("name", name).encode());
    if (pair.statusCode() != 200 && pair.statusCode() != 201) {
      throw new AssertionError("pairing refused: " + pair.statusCode() + " " + pair.body());
    }
    JsonObject codes = new JsonObject(pair.body());
    owner(
        "POST",
        "/api/v1/displays/approve",
        new JsonObject()
            .put("user_code", codes.getString("user_code"))
            .put("cameras", new JsonArray(cameras))
            .put("scopes", new JsonArray(scopes)));
    HttpResponse<String> token =
        call(
            "POST",
            "/api/v1/displays/token",
            null,
            new JsonObject().put("device_code", codes.getString("device_code")).encode());
    return new JsonObject(token.body());
  }

  /** The grant ids on {@code camera}, each with its principal id. */
  List<JsonObject> grants(String camera) throws Exception {
    List<JsonObject> out = new ArrayList<>();
    for (Object g : owner("GET", "/api/v1/grants", null).getJsonArray("grants")) {
      if (camera.equals(((JsonObject) g).getString("target_id"))) {
        out.add((JsonObject) g);
      }
    }
    return out;
  }

  /** The hub process's UDP ports (its RTP/RTCP pairs among them), but mDNS's 5353. */
  TreeSet<Integer> udpPorts() throws IOException, InterruptedException {
    Process ss = new ProcessBuilder("ss", "-H", "-uanp").redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ss.waitFor();
    TreeSet<Integer> ports = new TreeSet<>();
    String owner = "pid=" + pid() + ",";
    for (String line : out.split("\n")) {
      String[] columns = line.trim().split("\\s+");
      if (line.contains(owner) && columns.length > 4) {
        String local = columns[3];
        int p = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1));
        if (p != 5353) {
          ports.add(p);
        }
      }
    }
    return ports;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
