package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What lets one API token read one camera's re-stream (RTSP): a user name and a random secret shown
 * once. Only hashes of the secret are kept: its SHA-256 (to check Basic, offered over TLS only) and
 * the Digest HA1 for {@link #REALM}. Being able to use it is never enough: every access also needs
 * the token's live grant on the camera and the camera's re-stream turned on.
 */
// The hash array is not exposed: it is compared in constant time and never returned.
@SuppressWarnings("ArrayRecordComponent")
public record RestreamCredential(
    String id,
    String tokenId,
    String cameraId,
    String username,
    byte[] secretHash,
    String digestHa1,
    long createdAt) {
  /** The Digest realm of every re-stream credential; HA1 is bound to it. */
  public static final String REALM = "Hearth re-stream";

  /** Whether {@code secret} is this credential's secret (Basic). Constant time. */
  public boolean matches(String secret) {
    return MessageDigest.isEqual(secretHash, TokenSecrets.hash(secret));
  }

  /** MD5 of {@code user:realm:secret}, lowercase hex, as RFC 2617 defines HA1. */
  public static String ha1(String username, String secret) {
    return md5Hex(username + ":" + REALM + ":" + secret);
  }

  /** Lowercase hex MD5 of the text (UTF-8), the hash RTSP Digest clients speak. */
  public static String md5Hex(String text) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md5.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
  }

  /** What the API shows: never the secret nor its hashes. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("token_id", tokenId)
        .put("camera_id", cameraId)
        .put("username", username)
        .put("created_at", Instant.ofEpochMilli(createdAt).toString());
  }

  @Override
  public String toString() {
    return "RestreamCredential[" + id + ", " + username + ", " + cameraId + "]";
  }
}
