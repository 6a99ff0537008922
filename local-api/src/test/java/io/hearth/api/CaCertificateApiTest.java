package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's CA is public at {@code GET /api/v1/ca.pem} (no token, PEM, only the certificate), it is
 * the CA that signed the hub's TLS certificate, and the pairing answers (a display's, an automation
 * token's, the owner's pairing list) show the same SHA-256 fingerprint.
 */
@Timeout(60)
class CaCertificateApiTest {
  @TempDir Path dir;

  @Test
  void theCaIsPublicAndPairingShowsItsFingerprint() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      HttpResponse<byte[]> answer =
          hub.client.send(
              HttpRequest.newBuilder(hub.https("/api/v1/ca.pem")).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, answer.statusCode(), "no token needed");
      assertEquals(
          "application/x-pem-file", answer.headers().firstValue("Content-Type").orElse(""));
      String pem = new String(answer.body(), StandardCharsets.US_ASCII);
      assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
      assertFalse(pem.contains("PRIVATE KEY"), "only the certificate, never the CA's key");

      X509Certificate ca = certificate(answer.body());
      assertTrue(ca.getBasicConstraints() >= 0, "a CA certificate");
      X509Certificate server = certificate(Files.readAllBytes(dir.resolve("data/tls/hub.pem")));
      server.verify(ca.getPublicKey());
      String fingerprint =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ca.getEncoded()));

      JsonObject codes = new JsonObject(hub.post("/api/v1/displays/pair", null, "{}").body());
      assertCa(fingerprint, ca, codes.getJsonObject("ca"));
      JsonObject pending =
          new JsonObject(hub.get("/api/v1/displays/pairing", hub.ownerToken).body());
      assertCa(fingerprint, ca, pending.getJsonObject("ca"));
      JsonObject issued =
          new JsonObject(
              hub.post(
                      "/api/v1/tokens",
                      hub.ownerToken,
                      "{\"name\":\"node-red\",\"kind\":\"automation\"}")
                  .body());
      assertCa(fingerprint, ca, issued.getJsonObject("ca"));
      assertEquals(
          403,
          hub.get("/api/v1/displays/pairing", issued.getString("secret")).statusCode(),
          "the pairing list stays the owner's");
    }
  }

  @Test
  void theDocumentDescribesTheRouteAsPublicWithAnOperationId() throws Exception {
    JsonObject get =
        OpenApiDocument.load()
            .getJsonObject("paths")
            .getJsonObject("/api/v1/ca.pem")
            .getJsonObject("get");
    assertEquals("getCaCertificate", get.getString("operationId"));
    assertTrue(get.getJsonArray("security").isEmpty());
    assertTrue(
        get.getJsonObject("responses")
            .getJsonObject("200")
            .getJsonObject("content")
            .containsKey("application/x-pem-file"));
  }

  private static void assertCa(String fingerprint, X509Certificate ca, JsonObject shown) {
    assertEquals(fingerprint, shown.getString("fingerprint_sha256"), shown.encode());
    assertEquals("/api/v1/ca.pem", shown.getString("url"));
    assertEquals(ca.getNotAfter().toInstant(), Instant.parse(shown.getString("not_after")));
  }

  private static X509Certificate certificate(byte[] pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
  }
}
