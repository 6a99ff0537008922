package io.hearth.api;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * {@code GET /api/v1/ca.pem}: the hub's own certificate authority, which signs its TLS certificate,
 * for Node-RED, Home Assistant, mosquitto bridges and scripts to verify the hub with. Public, no
 * token: a CA certificate holds no secret, and a client needs it before it can trust the hub enough
 * to send one. Whoever fetches it over the network should compare its SHA-256 fingerprint with the
 * one the admin page and the pairing answers show ({@link #describe}).
 */
final class CaCertificateApi {
  static final String PATH = ApiRouter.API + "/ca.pem";
  static final String PEM_TYPE = "application/x-pem-file";

  private final ModuleContext hub;

  CaCertificateApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(PATH).handler(this::download);
  }

  private void download(RoutingContext ctx) {
    read(hub)
        .onSuccess(
            pem ->
                ctx.response()
                    .putHeader("Content-Type", PEM_TYPE)
                    .putHeader("Content-Disposition", "attachment; filename=\"hearth-ca.pem\"")
                    .end(pem))
        .onFailure(ctx::fail);
  }

  /**
   * What pairing answers show of the CA: where to fetch it, its SHA-256 fingerprint (hex of the
   * DER, as {@code openssl x509 -fingerprint -sha256} prints it without colons), its subject and
   * when it expires (ISO-8601 UTC).
   */
  static Future<JsonObject> describe(ModuleContext hub) {
    return read(hub)
        .map(
            pem -> {
              X509Certificate ca = parse(pem);
              return new JsonObject()
                  .put("url", PATH)
                  .put("fingerprint_sha256", fingerprint(ca))
                  .put("subject", ca.getSubjectX500Principal().getName())
                  .put("not_after", ca.getNotAfter().toInstant().toString());
            });
  }

  /** As {@link #describe}, or null when the hub has no CA (a hub run without TLS). */
  static Future<JsonObject> describeIfAny(ModuleContext hub) {
    return describe(hub).otherwiseEmpty();
  }

  private static Future<Buffer> read(ModuleContext hub) {
    String file = hub.certificates().caCertificate().toString();
    return hub.vertx()
        .fileSystem()
        .readFile(file)
        .recover(
            e ->
                Future.failedFuture(
                    new HubException(
                        503,
                        "no_certificate",
                        "the hub has no CA certificate yet; it makes one when its API starts"
                            + " with TLS")));
  }

  private static X509Certificate parse(Buffer pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem.getBytes()));
    } catch (GeneralSecurityException e) {
      throw new HubException(500, "bad_certificate", "the hub's CA file cannot be read", e);
    }
  }

  private static String fingerprint(X509Certificate ca) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.getEncoded());
      return HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
