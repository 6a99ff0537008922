package io.hearth.runtime.session;

import io.vertx.core.Future;

/** A transport attached to a stream session by {@link StreamSessions#watch}. */
public interface Watching {
  /** The transport closed: detaches it from the camera and ends the session; idempotent. */
  Future<Void> close();
}
