package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;

/**
 * A member's passkey (a WebAuthn credential): its credential id, the attested credential data the
 * authenticator gave at registration (which carries the COSE public key), the signature counter
 * last seen, a name its owner chose, and when it was made and last used.
 */
public record Passkey(
    String id,
    String memberId,
    byte[] credentialId,
    byte[] credentialData,
    long signCount,
    String name,
    long createdAt,
    Long lastUsedAt) {

  /** What the API shows: never the key material. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("member_id", memberId)
        .put("name", name)
        .put("created_at", Timestamps.iso(createdAt))
        .put("last_used_at", Timestamps.isoOrNull(lastUsedAt));
  }
}
