package io.hearth.runtime.domain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Permission for one principal on one camera or device, or on every device of a room or every
 * sensor ({@link GrantTarget}): which scopes, whether also from away (through the relay) or LAN
 * only, and an optional expiry. Read for an access decision, a room or sensors grant comes back
 * once per device it covers at that moment, with that device's id as {@code targetId}.
 */
public record Grant(
    String id,
    PrincipalKind principalKind,
    String principalId,
    GrantTarget targetKind,
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

  /** The targets these grants allow a scope on (LAN) at a moment. */
  public static Set<String> liveTargets(List<Grant> grants, Scope scope, long now) {
    return grants.stream()
        .filter(g -> g.allows(scope, false, now))
        .map(Grant::targetId)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The first moment after {@code now} at which one of these grants ends by time ({@link
   * Long#MAX_VALUE}: never), so an answer computed from them can be kept until then.
   */
  public static long firstExpiry(List<Grant> grants, long now) {
    return grants.stream()
        .map(Grant::expiresAt)
        .filter(e -> e != null && e > now)
        .min(Long::compare)
        .orElse(Long.MAX_VALUE);
  }

  public JsonObject toJson() {
    JsonArray scopeNames = new JsonArray();
    scopes.stream().sorted().forEach(s -> scopeNames.add(s.wireName()));
    return new JsonObject()
        .put("id", id)
        .put("principal_kind", principalKind.wireName())
        .put("principal_id", principalId)
        .put("target_kind", targetKind.wireName())
        .put("target_id", targetId)
        .put("scopes", scopeNames)
        .put("remote", remote)
        .put("expires_at", Timestamps.isoOrNull(expiresAt))
        .put("created_at", Timestamps.iso(createdAt));
  }
}
