package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.Sighting;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The owner's admin page in headless Chromium: sign in, add a camera, approve a display, revoke.
 */
class AdminPageTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  @Test
  @Timeout(60)
  void theOwnerAddsACameraApprovesADisplayAndRevokesItsGrant() throws Exception {
    try (BrowserPage tab = e2e.newPage()) {
      tab.navigate(e2e.hub().origin() + "/admin");
      signIn(tab);
      submit(tab, "add-camera", "camera-name", "Attic", "camera-url", "rtsp://127.0.0.1:9/cam");
      awaitText(tab, "camera-list", "Attic");
      awaitText(tab, "hub-ca-fingerprint", caFingerprint());
      // The bridge is off on this hub, and nobody watches: the page says both in words.
      awaitText(tab, "bridge-state", "Off: the hub opens no connection to any relay");
      awaitText(tab, "watching-list", "Nobody is watching a camera now.");

      JsonObject codes = beginPairing();
      tab.eval("document.querySelector('#pair-cameras input').checked = true");
      submit(tab, "pair-form", "user-code", codes.getString("user_code"), "display-name", "Loft");
      awaitText(tab, "display-list", "Loft");
      assertEquals(200, pollToken(codes.getString("device_code")).statusCode());
      awaitText(tab, "grant-list", "Attic");
      awaitText(tab, "audit-list", "display.pair");

      tab.eval("document.querySelector('#grant-list button').click()");
      tab.await(
          "document.getElementById('grant-list').textContent",
          v -> ((String) v).contains("No grants"),
          WAIT);
      assertTrue(
          e2e.hub().ok("GET", "/api/v1/grants", null).getJsonArray("grants").isEmpty(),
          "the revoke button revokes the grant on the hub");
      assertFalse(
          Boolean.TRUE.equals(tab.eval("localStorage.length > 0")),
          "the owner token is kept for the tab only, never in localStorage");
    }
  }

  /** SHA-256 of the CA as anyone downloads it from /api/v1/ca.pem, which the page must show. */
  private static String caFingerprint() throws Exception {
    byte[] pem =
        e2e.hub().call("GET", "/api/v1/ca.pem", null).body().getBytes(StandardCharsets.US_ASCII);
    byte[] der =
        java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(pem))
            .getEncoded();
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
  }

  @Test
  @Timeout(60)
  void theOwnerAdoptsACameraFromTheInbox() throws Exception {
    Discovered found =
        e2e.hub()
            .hub
            .context()
            .inbox()
            .report(
                new Sighting(
                    "mdns",
                    "serial:HX-2231",
                    Sighting.CAMERA,
                    "Shed <b>cam</b>",
                    "10.9.9.9:554",
                    Map.of("stream_url", "rtsp://10.9.9.9:554/live"),
                    true));
    try (BrowserPage tab = e2e.newPage()) {
      tab.navigate(e2e.hub().origin() + "/admin");
      signIn(tab);
      awaitText(tab, "inbox-list", "Shed <b>cam</b>");
      assertEquals(
          0L,
          ((Number) tab.eval("document.querySelectorAll('#inbox-list b').length")).longValue(),
          "what a device announces is shown as text, never as markup");
      tab.eval(
          "[...document.querySelectorAll('#inbox-list button')]"
              + ".find(b => b.textContent.startsWith('Adopt')).click()");
      tab.await("!document.getElementById('adopt-form').hidden", Boolean.TRUE::equals, WAIT);
      submit(
          tab,
          "adopt-form",
          "adopt-name",
          "Shed",
          "adopt-user",
          "admin",
          "adopt-password",
          "pw-kept-secret");
      awaitText(tab, "camera-list", "Shed");
      awaitText(tab, "inbox-list", "adopted");
      String cameraId = e2e.hub().hub.context().inbox().get(found.id()).orElseThrow().adoptedId();
      JsonObject camera = e2e.hub().ok("GET", "/api/v1/cameras/" + cameraId, null);
      assertEquals("rtsp://10.9.9.9:554/live", camera.getString("url"));
      assertTrue(camera.getBoolean("has_credentials"));
    }
  }

  @Test
  @Timeout(30)
  void aWrongTokenIsRefused() throws Exception {
    try (BrowserPage tab = e2e.newPage()) {
      tab.navigate(e2e.hub().origin() + "/admin/");
      tab.await("!document.getElementById('sign-in').hidden", Boolean.TRUE::equals, WAIT);
      submit(tab, "sign-in", "token", "hth_not-a-token");
      awaitText(tab, "status", "refused");
      assertEquals(Boolean.TRUE, tab.eval("document.getElementById('console').hidden"));
    }
  }

  private static void signIn(BrowserPage tab) throws Exception {
    tab.await("!document.getElementById('sign-in').hidden", Boolean.TRUE::equals, WAIT);
    submit(tab, "sign-in", "token", e2e.hub().ownerToken);
    tab.await("!document.getElementById('console').hidden", Boolean.TRUE::equals, WAIT);
  }

  /** Fills inputs by id (pairs of id and value) and submits the form as a user would. */
  private static void submit(BrowserPage tab, String form, String... fields) throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      script
          .append("document.getElementById(")
          .append(quote(fields[i]))
          .append(").value = ")
          .append(quote(fields[i + 1]))
          .append(";");
    }
    script.append("document.getElementById(").append(quote(form)).append(").requestSubmit();");
    tab.eval(script.toString());
  }

  private static String quote(String text) {
    return new io.vertx.core.json.JsonArray().add(text).encode().replaceAll("^\\[|\\]$", "");
  }

  private static void awaitText(BrowserPage tab, String id, String text) throws Exception {
    tab.await(
        "document.getElementById(" + quote(id) + ").textContent",
        v -> ((String) v).contains(text),
        WAIT);
  }

  private static JsonObject beginPairing() throws Exception {
    return new JsonObject(unauthenticated("/api/v1/displays/pair", "{}").body());
  }

  private static HttpResponse<String> pollToken(String deviceCode) throws Exception {
    return unauthenticated(
        "/api/v1/displays/token", new JsonObject().put("device_code", deviceCode).encode());
  }

  private static HttpResponse<String> unauthenticated(String path, String json) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + e2e.hub().httpPort() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
