package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;

/**
 * A person's sign-in: the session a browser holds as the {@code hearth_session} cookie. Only the
 * SHA-256 of its secret is stored; it ends when signed out, revoked, idle too long, or at its
 * absolute expiry, whichever comes first. {@code passkeyId} names the passkey that opened it (null:
 * opened otherwise); removing that passkey ends it. {@code passkeyName} is that passkey's name
 * where the store looked it up (the lists), else null.
 */
public record Signin(
    String id,
    String memberId,
    String method,
    String passkeyId,
    String passkeyName,
    String userAgent,
    String address,
    long createdAt,
    long lastUsedAt,
    long expiresAt,
    Long revokedAt) {

  /** Idle limit: a sign-in unused this long ends (docs/signin.md). */
  public static final long IDLE_MS = 14L * 24 * 3600 * 1000;

  /** Absolute limit: a sign-in ends this long after it began, used or not. */
  public static final long ABSOLUTE_MS = 30L * 24 * 3600 * 1000;

  /** When it ends if nothing else happens: the earlier of idle and absolute expiry. */
  public long endsAt() {
    return Math.min(expiresAt, lastUsedAt + IDLE_MS);
  }

  public boolean live(long now) {
    return revokedAt == null && now < endsAt();
  }

  /** What its holder and the owner see; {@code current}: the sign-in making this request. */
  public JsonObject toJson(boolean current) {
    return new JsonObject()
        .put("id", id)
        .put("member_id", memberId)
        .put("method", method)
        .put("passkey_id", passkeyId)
        .put("passkey_name", passkeyName)
        .put("user_agent", userAgent)
        .put("address", address)
        .put("created_at", Timestamps.iso(createdAt))
        .put("last_used_at", Timestamps.iso(lastUsedAt))
        .put("expires_at", Timestamps.iso(endsAt()))
        .put("revoked_at", Timestamps.isoOrNull(revokedAt))
        .put("current", current);
  }
}
