package io.hearth.api;

import io.hearth.runtime.Hub;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.testing.TestDirs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real hub with the local API, in this JVM, on free loopback ports, with its data in a temporary
 * directory; and an HTTP client that trusts the hub's own CA (no trust-all). Started in a test
 * ({@link #start}), or once for a whole test class: {@code @RegisterExtension static final TestHub
 * hub = TestHub.perClass();} (started before the class's own {@code @BeforeAll}, stopped after it).
 */
final class TestHub
    implements AutoCloseable,
        BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback {
  Path data;
  Hub hub;
  String ownerToken;
  HttpClient client;
  private final String[] sets;
  private Path dir;
  private boolean eachTest;

  private TestHub(String... sets) {
    this.sets = sets;
  }

  static TestHub start(Path data, String... sets) throws Exception {
    return start(data, List.of(), sets);
  }

  /** A hub with more modules than the API and the fake cameras (the real adapters, say). */
  static TestHub start(Path data, List<HubModule> more, String... sets) throws Exception {
    TestHub started = new TestHub(sets);
    started.startOn(data, more);
    return started;
  }

  /** A hub (with these settings) for the test class it is registered in. */
  static TestHub perClass(String... sets) {
    return new TestHub(sets);
  }

  /**
   * A fresh hub (with these settings) for each test: {@code @RegisterExtension final TestHub hub =
   * TestHub.perTest();} on an instance field.
   */
  static TestHub perTest(String... sets) {
    TestHub hub = new TestHub(sets);
    hub.eachTest = true;
    return hub;
  }

  private void startOn(Path data, List<HubModule> more) throws Exception {
    this.hub =
        ApiTestHubs.builder(data)
            .module(new ApiModule(), new FakeCameras())
            .modules(more)
            .overrides(sets)
            .start()
            .hub();
    this.data = data;
    this.ownerToken = ApiTestHubs.ownerToken(data);
    this.client = ApiTestHubs.client(data, Duration.ofSeconds(20));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!eachTest) {
      begin();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!eachTest) {
      end();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (eachTest) {
      begin();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (eachTest) {
      end();
    }
  }

  private void begin() throws Exception {
    dir = TestDirs.create("hearth-hub");
    startOn(dir.resolve("data"), List.of());
  }

  private void end() throws Exception {
    if (hub != null) {
      close();
      hub = null;
    }
    TestDirs.delete(dir);
  }

  URI https(String path) {
    return URI.create("https://localhost:" + hub.context().ports().get("api.port") + path);
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + hub.context().ports().get("api.http-port") + path);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return send(authorized(HttpRequest.newBuilder(https(path)).GET(), token));
  }

  /** A GET whose answer is binary (a JPEG). */
  HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
    return client.send(
        authorized(HttpRequest.newBuilder(https(path)).GET(), token)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<String> post(String path, String token, String json) throws Exception {
    return send(
        authorized(HttpRequest.newBuilder(https(path)), token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> put(String path, String token, String json) throws Exception {
    return send(
        authorized(HttpRequest.newBuilder(https(path)), token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> delete(String path, String token) throws Exception {
    return send(authorized(HttpRequest.newBuilder(https(path)).DELETE(), token));
  }

  HttpResponse<String> patch(String path, String token, String json) throws Exception {
    return send(
        authorized(HttpRequest.newBuilder(https(path)), token)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Adds a camera as the owner and returns its id. */
  String addCamera(String name, String url) throws Exception {
    HttpResponse<String> made =
        post(
            "/api/v1/cameras",
            ownerToken,
            new io.vertx.core.json.JsonObject().put("name", name).put("url", url).encode());
    if (made.statusCode() != 201) {
      throw new AssertionError("camera not added: " + made.body());
    }
    return new io.vertx.core.json.JsonObject(made.body()).getString("id");
  }

  /** Pairs a display with live and snapshot grants on the cameras; its access token. */
  String pairDisplay(String name, List<String> cameras) throws Exception {
    JsonObject codes =
        new JsonObject(
            answer2xx(
                post("/api/v1/displays/pair", null, new JsonObject().put("name", name).encode())));
    answer2xx(
        post(
            "/api/v1/displays/approve",
            ownerToken,
            new JsonObject()
                .put("user_code", codes.getString("user_code"))
                .put("cameras", new JsonArray(cameras))
                .put("scopes", new JsonArray().add("live").add("snapshot"))
                .encode()));
    String token =
        answer2xx(
            post(
                "/api/v1/displays/token",
                null,
                new JsonObject().put("device_code", codes.getString("device_code")).encode()));
    return new JsonObject(token).getString("access_token");
  }

  /** An adult member with live grants on the cameras; its API token. */
  String memberToken(List<String> cameras) throws Exception {
    String id = member("Ana", "adult");
    for (String camera : cameras) {
      HttpResponse<String> grant =
          post(
              "/api/v1/grants",
              ownerToken,
              new JsonObject()
                  .put("principal_kind", "member")
                  .put("principal_id", id)
                  .put("camera_id", camera)
                  .put("scopes", new JsonArray().add("live"))
                  .encode());
      answer2xx(grant);
    }
    return tokenOf(id);
  }

  /** A member of {@code role} (owner's call); its id. */
  String member(String name, String role) throws Exception {
    JsonObject body = new JsonObject().put("name", name).put("role", role);
    return new JsonObject(answer2xx(post("/api/v1/members", ownerToken, body.encode())))
        .getString("id");
  }

  /** Finishes the first start-up with the owner's password; the owner's sign-in cookie. */
  String setUpOwner(String password) throws Exception {
    HttpResponse<String> made =
        post("/api/v1/setup", ownerToken, new JsonObject().put("password", password).encode());
    answer2xx(made);
    return SigninCookieJar.token(made);
  }

  /** Sets a member's password, as {@code by} (the owner's token or sign-in cookie). */
  void setPassword(String memberId, String password, String by) throws Exception {
    HttpResponse<String> set =
        put(
            "/api/v1/members/" + memberId + "/password",
            by,
            new JsonObject().put("password", password).encode());
    if (set.statusCode() != 204) {
      throw new AssertionError(
          "setting a password answered " + set.statusCode() + " " + set.body());
    }
  }

  /** A sign-in with a password, as the sign-in page sends it; the hub's answer. */
  HttpResponse<String> passwordSignIn(String name, String password) throws Exception {
    return post(
        "/api/v1/signin/password",
        null,
        new JsonObject().put("name", name).put("password", password).encode());
  }

  /** A sign-in with a password that must work; its cookie. */
  String signedIn(String name, String password) throws Exception {
    return SigninCookieJar.token(answered(passwordSignIn(name, password)));
  }

  private static HttpResponse<String> answered(HttpResponse<String> answer) {
    answer2xx(answer);
    return answer;
  }

  /** A new API token of the member {@code id}; its secret. */
  String tokenOf(String id) throws Exception {
    JsonObject body = new JsonObject().put("name", "t").put("member_id", id);
    return new JsonObject(answer2xx(post("/api/v1/tokens", ownerToken, body.encode())))
        .getString("secret");
  }

  private static String answer2xx(HttpResponse<String> answer) {
    if (answer.statusCode() != 200 && answer.statusCode() != 201) {
      throw new AssertionError(answer.statusCode() + " " + answer.body());
    }
    return answer.body();
  }

  /**
   * Adds the credential: a bearer token, or a person's sign-in as {@link SigninCookieJar#token}
   * made it ({@code cookie:...}), sent as a browser would: both cookies and the CSRF header.
   */
  static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
    if (token != null && token.startsWith(SigninCookieJar.PREFIX)) {
      return SigninCookieJar.apply(request, token);
    }
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  @Override
  public void close() {
    hub.stop();
  }
}
