package io.hearth.runtime.domain;

import io.vertx.core.json.JsonObject;

/**
 * An API token's record. The secret itself is never stored, only its hash; {@code hint} is its
 * first characters so a user can tell tokens apart.
 */
public record ApiToken(
    String id,
    String hint,
    String name,
    PrincipalKind principalKind,
    String principalId,
    long createdAt,
    Long expiresAt,
    Long revokedAt) {

  public boolean expired(long now) {
    return expiresAt != null && now >= expiresAt;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("hint", hint)
        .put("name", name)
        .put("principal_kind", principalKind.wireName())
        .put("principal_id", principalId)
        .put("created_at", Timestamps.iso(createdAt))
        .put("expires_at", Timestamps.isoOrNull(expiresAt))
        .put("revoked_at", Timestamps.isoOrNull(revokedAt));
  }
}
