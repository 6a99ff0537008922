package io.hearth.runtime.session;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.store.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream session as the access watch sees it: the grant its scope needs on its camera (live for
 * live video, events for playback; allowing use from away when it came through the relay; for a
 * re-stream also its credential and the camera's re-stream switch), re-read on every check; when it
 * no longer holds, the session is forgotten, the revocation audited and the transport closed.
 */
final class WatchedSession implements AccessWatch.Dependent {
  private static final Logger LOG = LoggerFactory.getLogger(WatchedSession.class);

  private final StreamSession session;
  private final boolean fromAway;
  private final Access access;
  private final AuditLog audit;
  private final Consumer<String> closer;
  private final Predicate<StreamSession> forget;

  WatchedSession(
      StreamSession session,
      boolean fromAway,
      Access access,
      AuditLog audit,
      Consumer<String> closer,
      Predicate<StreamSession> forget) {
    this.session = session;
    this.fromAway = fromAway;
    this.access = access;
    this.audit = audit;
    this.closer = closer;
    this.forget = forget;
  }

  @Override
  public String tokenId() {
    return session.principal().tokenId();
  }

  @Override
  public Future<Long> check(Principal holder) {
    Future<Grant> allowed =
        session.credentialId() == null
            ? access.check(holder, session.cameraId(), session.scope(), fromAway)
            : access.checkRestream(holder, session.credentialId(), session.cameraId(), fromAway);
    return allowed.map(g -> g == null || g.expiresAt() == null ? Long.MAX_VALUE : g.expiresAt());
  }

  @Override
  public void end(String reason) {
    if (!forget.test(session)) {
      return;
    }
    LOG.info("stream session {} ended: access withdrawn", session.id());
    audit.record(
        session.principal(),
        "session.revoke",
        session.id(),
        new JsonObject().put("reason", reason));
    closer.accept("access withdrawn: " + reason);
  }
}
