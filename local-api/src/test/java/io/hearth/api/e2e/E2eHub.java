package io.hearth.api.e2e;

import io.hearth.adapters.mjpeg.MjpegModule;
import io.hearth.adapters.rtsp.RtspModule;
import io.hearth.api.ApiModule;
import io.hearth.api.ApiTestHubs;
import io.hearth.runtime.Hub;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.testing.TestHubs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real hub in this JVM with the local API and the real RTSP and MJPEG adapters, on free loopback
 * ports; and an owner's HTTP client that trusts the hub's own CA.
 */
final class E2eHub implements AutoCloseable {
  final Hub hub;
  final String ownerToken;
  private final HttpClient client;

  private E2eHub(Path data, Hub hub) throws Exception {
    this.hub = hub;
    this.ownerToken = ApiTestHubs.ownerToken(data);
    this.client = ApiTestHubs.client(data, Duration.ofSeconds(5));
  }

  static E2eHub start(Path data) throws Exception {
    return start(data, List.of());
  }

  /** With more modules and settings ("key=value" lines), the API on every interface. */
  static E2eHub start(Path data, List<HubModule> more, String... settings) throws Exception {
    TestHubs.Builder builder =
        ApiTestHubs.builder(data).module(new ApiModule(), new RtspModule(), new MjpegModule());
    if (!more.isEmpty() || settings.length > 0) {
      builder.modules(more).set("api.host", "0.0.0.0").overrides(settings);
    }
    return new E2eHub(data, builder.start().hub());
  }

  int apiPort() {
    return hub.context().ports().get("api.port");
  }

  /** The hub's HTTPS origin, by name, as a display would open it. */
  String origin() {
    return "https://localhost:" + hub.context().ports().get("api.port");
  }

  /** The loopback plain-HTTP port, for the splice proxy. */
  int httpPort() {
    return hub.context().ports().get("api.http-port");
  }

  HttpResponse<String> call(String method, String path, String json) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(origin() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + ownerToken)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Signs in with a password as another device would (an iPhone's Safari, by its user agent);
   * returns the Cookie header that device then sends.
   */
  String signInElsewhere(String name, String password) throws Exception {
    JsonObject body = new JsonObject().put("name", name).put("password", password);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(origin() + "/api/v1/signin/password"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new AssertionError("sign-in answered " + answer.statusCode() + ": " + answer.body());
    }
    return String.join(
        "; ",
        answer.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0]).toList());
  }

  /** The status a GET of {@code path} gets with {@code cookie} (no token). */
  int statusWithCookie(String path, String cookie) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(origin() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Cookie", cookie)
            .build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** Calls as the owner and returns the JSON answer, failing unless the status is 2xx. */
  JsonObject ok(String method, String path, JsonObject body) throws Exception {
    HttpResponse<String> answer = call(method, path, body == null ? null : body.encode());
    if (answer.statusCode() / 100 != 2) {
      throw new AssertionError(
          method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer.body().isEmpty() ? new JsonObject() : new JsonObject(answer.body());
  }

  String addCamera(String name, String url) throws Exception {
    return ok("POST", "/api/v1/cameras", new JsonObject().put("name", name).put("url", url))
        .getString("id");
  }

  void approve(String userCode, String name, String... cameras) throws Exception {
    approve(userCode, name, false, cameras);
  }

  /** Approves a waiting display; {@code remote}: its grants also work from away. */
  void approve(String userCode, String name, boolean remote, String... cameras) throws Exception {
    ok(
        "POST",
        "/api/v1/displays/approve",
        new JsonObject()
            .put("user_code", userCode)
            .put("name", name)
            .put("cameras", new JsonArray(List.of((Object[]) cameras)))
            .put("scopes", new JsonArray().add("live"))
            .put("remote", remote));
  }

  /** Gives a member or display ({@code kind}) these scopes on the camera, as the owner. */
  JsonObject grant(String kind, String principalId, String cameraId, String... scopes)
      throws Exception {
    return ok(
        "POST",
        "/api/v1/grants",
        new JsonObject()
            .put("principal_kind", kind)
            .put("principal_id", principalId)
            .put("camera_id", cameraId)
            .put("scopes", new JsonArray(List.of((Object[]) scopes))));
  }

  /** Audit entries, newest first. */
  JsonArray audit() throws Exception {
    return ok("GET", "/api/v1/audit?limit=200", null).getJsonArray("entries");
  }

  @Override
  public void close() {
    hub.stop();
  }
}
