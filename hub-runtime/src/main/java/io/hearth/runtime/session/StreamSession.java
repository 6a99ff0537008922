package io.hearth.runtime.session;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
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
    MJPEG,
    /** RTP over RTSP, the re-stream for local tools ({@link Restreams}). */
    RTSP;

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
  private final String segmentId;
  private final String credentialId;

  StreamSession(
      String id,
      Principal principal,
      String grantId,
      String cameraId,
      Format format,
      byte[] key,
      long createdAt) {
    this(id, principal, grantId, cameraId, format, key, createdAt, null);
  }

  StreamSession(
      String id,
      Principal principal,
      String grantId,
      String cameraId,
      Format format,
      byte[] key,
      long createdAt,
      String segmentId) {
    this(id, principal, grantId, cameraId, format, key, createdAt, segmentId, null);
  }

  /** A re-stream session: live video read with the re-stream credential {@code credentialId}. */
  StreamSession(
      String id,
      Principal principal,
      String grantId,
      String cameraId,
      byte[] key,
      long createdAt,
      String credentialId) {
    this(id, principal, grantId, cameraId, Format.RTSP, key, createdAt, null, credentialId);
  }

  private StreamSession(
      String id,
      Principal principal,
      String grantId,
      String cameraId,
      Format format,
      byte[] key,
      long createdAt,
      String segmentId,
      String credentialId) {
    this.credentialId = credentialId;
    this.segmentId = segmentId;
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

  /** The recorded segment a playback session plays; null for live video. */
  public String segmentId() {
    return segmentId;
  }

  /** The re-stream credential the session was opened with; null for every other session. */
  public String credentialId() {
    return credentialId;
  }

  /** The grant scope the session needs for as long as it runs: live, or events for playback. */
  public Scope scope() {
    return segmentId == null ? Scope.LIVE : Scope.EVENTS;
  }

  /** What the audit log records: never the key. */
  public JsonObject auditDetail() {
    return new JsonObject()
        .put("camera_id", cameraId)
        .put("segment_id", segmentId)
        .put("format", format.wireName())
        .put("grant_id", grantId)
        .put("credential_id", credentialId)
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
