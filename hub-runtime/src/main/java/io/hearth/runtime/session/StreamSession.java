package io.hearth.runtime.session;

import io.hearth.runtime.domain.Principal;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * One viewer watching one camera: an immutable value made after the grant check, holding the full
 * identity (session, principal and its token, grant, camera) and the session's own key. Nothing
 * routes video by anything less than this value.
 */
public final class StreamSession {
  /** How the viewer wants the video. */
  public enum Format {
    /** Fragmented MP4 for Media Source Extensions (H.264/H.265 cameras). */
    MSE,
    /** JPEG frames (MJPEG cameras). */
    MJPEG;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String id;
  private final Principal principal;
  private final String grantId;
  private final String cameraId;
  private final Format format;
  private final byte[] key;
  private final long createdAt;

  StreamSession(
      String id,
      Principal principal,
      String grantId,
      String cameraId,
      Format format,
      byte[] key,
      long createdAt) {
    this.id = id;
    this.principal = principal;
    this.grantId = grantId;
    this.cameraId = cameraId;
    this.format = format;
    this.key = key.clone();
    this.createdAt = createdAt;
  }

  public String id() {
    return id;
  }

  public Principal principal() {
    return principal;
  }

  /** The grant that allowed it; null for the owner, who needs none. */
  public String grantId() {
    return grantId;
  }

  public String cameraId() {
    return cameraId;
  }

  public Format format() {
    return format;
  }

  /** A copy of the session key. */
  public byte[] key() {
    return key.clone();
  }

  public long createdAt() {
    return createdAt;
  }

  /** What the audit log records: never the key. */
  public JsonObject auditDetail() {
    return new JsonObject()
        .put("camera_id", cameraId)
        .put("format", format.wireName())
        .put("grant_id", grantId)
        .put("token_id", principal.tokenId());
  }

  String encodedKey() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  @Override
  public String toString() {
    return "StreamSession[" + id + ", " + principal.auditName() + ", " + cameraId + "]";
  }
}
