package io.hearth.runtime.session;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.stream.Subscription;
import io.hearth.runtime.stream.Switchboard;
import io.hearth.runtime.stream.Viewer;
import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * The re-stream for local tools (an RTSP server) as stream sessions like any other: opened after
 * {@link Access#checkRestream} (the live grant, the credential, the camera's re-stream switch),
 * audited with the peer's address, registered with the access watch through {@link
 * StreamSessions#attach} (same limits, same one-second end on revocation, ended with the camera),
 * and one more viewer of the camera's feed whose frames pass only while the session's lease holds.
 * Frames go out as they come (no fMP4, no sealing): the transport packetizes them.
 */
public final class Restreams {
  private final StreamSessions sessions;
  private final Switchboard switchboard;
  private final Access access;
  private final AuditLog audit;

  public Restreams(
      StreamSessions sessions, Switchboard switchboard, Access access, AuditLog audit) {
    this.sessions = sessions;
    this.switchboard = switchboard;
    this.access = access;
    this.audit = audit;
  }

  /**
   * A session for {@code principal} reading {@code cameraId} with the credential, from {@code peer}
   * (an address, for the audit log); fails with 403 when access does not hold now.
   */
  public Future<StreamSession> open(
      Principal principal, String credentialId, String cameraId, String peer) {
    return access
        .checkRestream(principal, credentialId, cameraId, false)
        .compose(
            grant -> {
              StreamSession session =
                  new StreamSession(
                      Ids.newId("ses"),
                      principal,
                      grant == null ? null : grant.id(),
                      cameraId,
                      new byte[32],
                      System.currentTimeMillis(),
                      credentialId);
              return audit
                  .record(
                      principal,
                      "restream.open",
                      session.id(),
                      session.auditDetail().put("peer", peer))
                  .map(session);
            });
  }

  /**
   * Attaches {@code viewer} to the session's camera until access ends ({@code closer} gets the
   * reason, once), the camera cannot be watched, or the transport closes ({@link Watching#close}).
   * Call it on the transport's context.
   */
  public Watching watch(
      StreamSession session, Camera camera, Viewer viewer, Consumer<String> closer) {
    Lease lease;
    try {
      lease = sessions.attach(session, closer);
    } catch (HubException e) {
      closer.accept(e.getMessage());
      return Future::succeededFuture;
    }
    Future<Subscription> subscribed = switchboard.subscribe(camera, new LeaseGate(lease, viewer));
    subscribed.onFailure(
        e -> {
          sessions.detach(session);
          closer.accept("camera unavailable: " + e.getMessage());
        });
    return () -> {
      sessions.detach(session);
      return subscribed.compose(Subscription::close).otherwiseEmpty();
    };
  }
}
