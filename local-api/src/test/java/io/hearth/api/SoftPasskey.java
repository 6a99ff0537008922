package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A passkey held in the test, as an authenticator holds one: a P-256 key pair it registers through
 * the hub's real registration route ({@code POST /api/v1/passkeys}, attestation "none") and signs
 * the hub's challenges with, so a passkey sign-in runs through the hub's whole WebAuthn check
 * (webauthn4j: origin, rpId hash, user presence and verification, signature, counter) without a
 * browser. Chromium's virtual authenticator does the same for the pages (PeopleAdminPageTest).
 */
final class SoftPasskey {
  private static final int UP = 0x01;
  private static final int UV = 0x04;
  private static final int AT = 0x40;

  private final TestHub hub;
  private final KeyPair keys;
  private final byte[] credentialId = new byte[32];
  private final String memberId;
  private long counter;

  /** The hub's id of this passkey once registered. */
  String id;

  private SoftPasskey(TestHub hub, String memberId) throws Exception {
    this.hub = hub;
    this.memberId = memberId;
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    keys = generator.generateKeyPair();
    new SecureRandom().nextBytes(credentialId);
  }

  /** Registers a new passkey named {@code name} for the member {@code token} speaks for. */
  static SoftPasskey register(TestHub hub, String memberId, String token, String name)
      throws Exception {
    SoftPasskey key = new SoftPasskey(hub, memberId);
    HttpResponse<String> options = hub.post("/api/v1/passkeys/options", token, "{}");
    assertEquals(200, options.statusCode(), options.body());
    JsonObject asked = new JsonObject(options.body());
    JsonObject pk = asked.getJsonObject("public_key");
    String rpId = pk.getJsonObject("rp").getString("id");
    byte[] clientData = key.clientData("webauthn.create", pk.getString("challenge"));
    byte[] authData = key.authenticatorData(rpId, UP | UV | AT, key.attested());
    byte[] attestation =
        map(
            3,
            text("fmt"),
            text("none"),
            text("attStmt"),
            map(0),
            text("authData"),
            bytes(authData));
    JsonObject credential =
        new JsonObject()
            .put("id", b64(key.credentialId))
            .put("client_data", b64(clientData))
            .put("attestation_object", b64(attestation));
    HttpResponse<String> made =
        hub.post(
            "/api/v1/passkeys",
            token,
            new JsonObject()
                .put("challenge_id", asked.getString("challenge_id"))
                .put("name", name)
                .put("credential", credential)
                .encode());
    assertEquals(201, made.statusCode(), made.body());
    key.id = new JsonObject(made.body()).getString("id");
    return key;
  }

  /** A passkey sign-in with this key: the hub's answer (200 with cookies, or an error). */
  HttpResponse<String> signIn() throws Exception {
    HttpResponse<String> options = hub.post("/api/v1/signin/passkey/options", null, "{}");
    assertEquals(200, options.statusCode(), options.body());
    JsonObject asked = new JsonObject(options.body());
    JsonObject pk = asked.getJsonObject("public_key");
    byte[] clientData = clientData("webauthn.get", pk.getString("challenge"));
    counter++;
    byte[] authData = authenticatorData(pk.getString("rpId"), UP | UV, new byte[0]);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keys.getPrivate());
    signer.update(authData);
    signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
    JsonObject credential =
        new JsonObject()
            .put("id", b64(credentialId))
            .put("client_data", b64(clientData))
            .put("authenticator_data", b64(authData))
            .put("signature", b64(signer.sign()))
            .put("user_handle", b64(memberId.getBytes(StandardCharsets.UTF_8)));
    JsonObject body =
        new JsonObject()
            .put("challenge_id", asked.getString("challenge_id"))
            .put("credential", credential);
    return hub.post("/api/v1/signin/passkey", null, body.encode());
  }

  /** Signs in with this key and answers the sign-in as a test carries it (its cookies). */
  String signedIn() throws Exception {
    HttpResponse<String> in = signIn();
    assertEquals(200, in.statusCode(), in.body());
    return SigninCookieJar.token(in);
  }

  /** Client data as a browser writes it, naming the origin the hub's pages come from. */
  private byte[] clientData(String type, String challenge) {
    java.net.URI page = hub.https("/");
    return new JsonObject()
        .put("type", type)
        .put("challenge", challenge)
        .put("origin", page.getScheme() + "://" + page.getAuthority())
        .put("crossOrigin", false)
        .encode()
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] authenticatorData(String rpId, int flags, byte[] attested) throws Exception {
    ByteBuffer data = ByteBuffer.allocate(32 + 1 + 4 + attested.length);
    data.put(MessageDigest.getInstance("SHA-256").digest(rpId.getBytes(StandardCharsets.UTF_8)));
    data.put((byte) flags);
    data.putInt((int) counter);
    data.put(attested);
    return data.array();
  }

  /** Attested credential data: AAGUID (zeros), the credential id, and the COSE public key. */
  private byte[] attested() {
    ECPublicKey pub = (ECPublicKey) keys.getPublic();
    byte[] cose =
        map(
            5,
            integer(1),
            integer(2), // kty: EC2
            integer(3),
            integer(-7), // alg: ES256
            integer(-1),
            integer(1), // crv: P-256
            integer(-2),
            bytes(fixed(pub.getW().getAffineX().toByteArray())),
            integer(-3),
            bytes(fixed(pub.getW().getAffineY().toByteArray())));
    ByteBuffer data = ByteBuffer.allocate(16 + 2 + credentialId.length + cose.length);
    data.put(new byte[16]);
    data.putShort((short) credentialId.length);
    data.put(credentialId);
    data.put(cose);
    return data.array();
  }

  /** A coordinate as exactly 32 bytes (BigInteger adds a sign byte or drops leading zeros). */
  private static byte[] fixed(byte[] number) {
    byte[] out = new byte[32];
    int n = Math.min(32, number.length);
    System.arraycopy(number, number.length - n, out, 32 - n, n);
    return out;
  }

  // The little CBOR the authenticator's answers need: maps, text and byte strings, small integers.

  private static byte[] map(int pairs, byte[]... items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head(5, pairs));
    for (byte[] item : items) {
      out.writeBytes(item);
    }
    return out.toByteArray();
  }

  private static byte[] text(String s) {
    return item(3, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(byte[] b) {
    return item(2, b);
  }

  private static byte[] integer(int n) {
    return n >= 0 ? head(0, n) : head(1, -1 - n);
  }

  private static byte[] item(int major, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head(major, content.length));
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] head(int major, int value) {
    int type = major << 5;
    if (value < 24) {
      return new byte[] {(byte) (type | value)};
    }
    if (value < 256) {
      return new byte[] {(byte) (type | 24), (byte) value};
    }
    return new byte[] {(byte) (type | 25), (byte) (value >> 8), (byte) value};
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
