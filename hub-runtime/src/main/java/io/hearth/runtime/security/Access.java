package io.hearth.runtime.security;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.store.RestreamStore;
import io.vertx.core.Future;

/**
 * Answers every authorisation question from the store's current grants, never from a copy kept
 * across a change: {@code check(principal, camera, scope)}. The owner may do everything; everyone
 * else needs a live grant that reaches that camera or device now: its own, or one over the room it
 * is in, or over all sensors (resolved by the store at this check, see {@link GrantStore}).
 *
 * <p>Access itself keeps nothing. A caller may keep an answer only while it provably cannot have
 * changed: {@link io.hearth.runtime.session.StreamSessions} keeps one per open session tied to the
 * store's write generation read before the check, and to the grant's expiry, and asks again as soon
 * as either moves.
 */
public final class Access {
  private final GrantStore grants;
  private final RestreamStore restreams;

  /** Access without re-streams (tests of other parts): every re-stream check fails. */
  public Access(GrantStore grants) {
    this(grants, null);
  }

  public Access(GrantStore grants, RestreamStore restreams) {
    this.grants = grants;
    this.restreams = restreams;
  }

  /**
   * Succeeds with the grant that allows it (null for the owner, who needs none), or fails with 403.
   * The answer is the same "forbidden" whether the target exists or not, so a principal cannot
   * probe for cameras it may not see.
   */
  public Future<Grant> check(Principal principal, String targetId, Scope scope, boolean fromAway) {
    if (principal.isOwner()) {
      return Future.succeededFuture(null);
    }
    return grants
        .find(principal.kind(), principal.id(), targetId)
        .compose(
            found -> {
              long now = System.currentTimeMillis();
              for (Grant grant : found) {
                if (grant.allows(scope, fromAway, now)) {
                  return Future.succeededFuture(grant);
                }
              }
              return Future.failedFuture(
                  HubException.forbidden(
                      "no live "
                          + scope.wireName()
                          + " grant for "
                          + targetId
                          + (fromAway ? " from away" : "")
                          + "; ask the home's owner for one"));
            });
  }

  /**
   * The re-stream's check: {@link #check} for live video, and also the credential still there for
   * exactly this token and camera, and the camera's re-stream still on. Fails with 403 otherwise.
   */
  public Future<Grant> checkRestream(
      Principal principal, String credentialId, String cameraId, boolean fromAway) {
    if (restreams == null) {
      return Future.failedFuture(HubException.forbidden("this hub has no re-streams"));
    }
    return restreams
        .usable(credentialId, principal.tokenId(), cameraId)
        .compose(
            usable ->
                usable
                    ? check(principal, cameraId, Scope.LIVE, fromAway)
                    : Future.failedFuture(
                        HubException.forbidden(
                            "the re-stream of "
                                + cameraId
                                + " is off, or this credential was deleted")));
  }
}
