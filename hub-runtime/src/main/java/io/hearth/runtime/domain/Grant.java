package io.hearth.runtime.domain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Permission for one principal on one camera or device: which scopes, whether also from away
 * (through the relay) or LAN only, and an optional expiry.
 */
public record Grant(
    String id,
    PrincipalKind principalKind,
    String principalId,
    String targetId,
    Set<Scope> scopes,
    boolean remote,
    Long expiresAt,
    long createdAt) {

  public Grant {
    scopes = Set.copyOf(scopes);
  }

  /** Live at a moment: not expired, and covering the scope asked for. */
  public boolean allows(Scope scope, boolean fromAway, long now) {
    return scopes.contains(scope)
        && (remote || !fromAway)
        && (expiresAt == null || now < expiresAt);
  }

  public JsonObject toJson() {
    JsonArray scopeNames = new JsonArray();
    scopes.stream().sorted().forEach(s -> scopeNames.add(s.wireName()));
    return new JsonObject()
        .put("id", id)
        .put("principal_kind", principalKind.wireName())
        .put("principal_id", principalId)
        .put("target_id", targetId)
        .put("scopes", scopeNames)
        .put("remote", remote)
        .put("expires_at", expiresAt)
        .put("created_at", createdAt);
  }
}
