package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input of every kind gets a clear JSON error, and the hub stays up. */
@Timeout(60)
class ApiSecurityTest {
  @RegisterExtension static final TestHub hub = TestHub.perClass();

  @Test
  void healthAnswersUpWithoutATokenOverVerifiedTls() throws Exception {
    HttpResponse<String> health = hub.get("/api/v1/health", null);
    assertEquals(200, health.statusCode());
    JsonObject body = new JsonObject(health.body());
    assertEquals("up", body.getString("status"));
    assertTrue(body.getString("version").matches("\\d+\\.\\d+\\.\\d+.*"));
    assertTrue(body.getLong("uptime_s") >= 0);
  }

  @Test
  void missingWrongAndMalformedTokensGet401WithAReason() throws Exception {
    assertError(hub.get("/api/v1/members", null), 401, "missing_token");
    assertError(hub.get("/api/v1/members", "hth_" + "x".repeat(43)), 401, "invalid_token");
    assertError(hub.get("/api/v1/members", "x".repeat(5000)), 401, "invalid_token");
    HttpResponse<String> basic =
        hub.send(
            HttpRequest.newBuilder(hub.https("/api/v1/members"))
                .header("Authorization", "Basic b3duZXI6b3duZXI="));
    assertError(basic, 401, "missing_token");
    assertTrue(basic.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
  }

  @Test
  void anExpiredTokenIsRefusedAsExpired() throws Exception {
    HttpResponse<String> made =
        hub.post("/api/v1/tokens", hub.ownerToken, "{\"name\":\"brief\",\"expires_in_s\":1}");
    assertEquals(201, made.statusCode(), made.body());
    String secret = new JsonObject(made.body()).getString("secret");
    assertEquals(200, hub.get("/api/v1/me", secret).statusCode());
    Thread.sleep(1200);
    assertError(hub.get("/api/v1/me", secret), 401, "token_expired");
  }

  @Test
  void malformedJsonUnknownFieldsAndWrongTypesGet400() throws Exception {
    String owner = hub.ownerToken;
    assertError(hub.post("/api/v1/members", owner, "{\"name\": \"Ana\", "), 400, "bad_request");
    assertError(hub.post("/api/v1/members", owner, "[1,2]"), 400, "bad_request");
    assertError(hub.post("/api/v1/members", owner, ""), 400, "bad_request");
    HttpResponse<String> unknown =
        hub.post(
            "/api/v1/members", owner, "{\"name\":\"Ana\",\"role\":\"adult\",\"is_admin\":true}");
    assertError(unknown, 400, "bad_request");
    assertTrue(unknown.body().contains("is_admin"), unknown.body());
    assertError(
        hub.post("/api/v1/members", owner, "{\"name\":42,\"role\":\"adult\"}"), 400, "bad_request");
    assertError(
        hub.post("/api/v1/members", owner, "{\"name\":\"A\",\"role\":\"root\"}"),
        400,
        "bad_request");
    assertError(
        hub.post(
            "/api/v1/members", owner, "{\"name\":\"" + "n".repeat(300) + "\",\"role\":\"adult\"}"),
        400,
        "bad_request");
    assertError(
        hub.post("/api/v1/tokens", owner, "{\"name\":\"t\",\"expires_in_s\":-5}"),
        400,
        "bad_request");
    assertError(
        hub.post("/api/v1/tokens", owner, "{\"name\":\"t\",\"expires_in_s\":1.5}"),
        400,
        "bad_request");
    HttpResponse<String> form =
        hub.send(
            TestHub.authorized(HttpRequest.newBuilder(hub.https("/api/v1/members")), owner)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
    assertError(form, 415, "unsupported_media_type");
    assertUp();
  }

  @Test
  void hugeBodiesAreRefusedWith413AndTheHubStaysUp() throws Exception {
    String huge = "{\"name\":\"" + "a".repeat(2 << 20) + "\",\"role\":\"adult\"}";
    HttpResponse<String> answer = hub.post("/api/v1/members", hub.ownerToken, huge);
    assertError(answer, 413, "body_too_large");
    assertUp();
  }

  @Test
  void deeplyNestedJsonIsRefusedNotACrash() throws Exception {
    String nested = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"role\":\"adult\"}";
    HttpResponse<String> answer = hub.post("/api/v1/members", hub.ownerToken, nested);
    assertEquals(400, answer.statusCode(), answer.body());
    assertUp();
  }

  @Test
  void pathTraversalNeverReachesAFile() throws Exception {
    String[] attempts = {
      "/../../../../etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/..%2f..%2f..%2fetc%2fpasswd",
      "/api/v1/../../../../etc/passwd",
      "/api/v1/members/..%2f..%2f..%2fetc%2fpasswd",
      "/index.html/../../../pom.xml",
      "/%252e%252e/%252e%252e/etc/passwd",
      "/....//....//etc/passwd"
    };
    for (String path : attempts) {
      String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertFalse(answer.contains("root:"), path + " leaked /etc/passwd");
      assertFalse(answer.contains("<modelVersion>"), path + " leaked a source file");
      assertFalse(answer.startsWith("HTTP/1.1 200"), path + " answered 200: " + answer);
    }
    assertUp();
  }

  @Test
  void everyAnswerIsPrivateAndUncacheable() throws Exception {
    for (HttpResponse<String> answer :
        new HttpResponse[] {
          hub.get("/api/v1/health", null),
          hub.get("/api/v1/members", null),
          hub.get("/api/v1/members", hub.ownerToken),
          hub.get("/api/v1/nothing-here", hub.ownerToken)
        }) {
      assertEquals("private, no-store", answer.headers().firstValue("Cache-Control").orElse(""));
      assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
  }

  @Test
  void unknownRoutesAreJson404sAndNeverShownWithoutAToken() throws Exception {
    assertError(hub.get("/api/v1/nothing-here", hub.ownerToken), 404, "not_found");
    assertError(hub.get("/api/v1/nothing-here", null), 401, "missing_token");
  }

  @Test
  void plainHttpServesLoopback() throws Exception {
    HttpResponse<String> health = hub.send(HttpRequest.newBuilder(hub.http("/api/v1/health")));
    assertEquals(200, health.statusCode());
  }

  private static String raw(String request) throws Exception {
    int port = hub.hub.context().ports().get("api.http-port");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readNBytes(65536), StandardCharsets.UTF_8);
    }
  }

  private static void assertUp() throws Exception {
    assertEquals(200, hub.get("/api/v1/health", null).statusCode());
  }

  static void assertError(HttpResponse<String> answer, int status, String code) {
    assertEquals(status, answer.statusCode(), answer.body());
    JsonObject body = new JsonObject(answer.body());
    assertEquals(code, body.getString("error"), answer.body());
    String message = body.getString("message");
    assertNotEquals(null, message);
    assertTrue(message.length() > 10, "the message must say what to do: " + message);
    assertFalse(message.contains("Exception"), "internals leak into the message: " + message);
  }
}
