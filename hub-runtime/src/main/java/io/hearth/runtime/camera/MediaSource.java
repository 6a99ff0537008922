package io.hearth.runtime.camera;

import io.vertx.core.Future;

/**
 * One upstream connection to one camera. {@code open} returns when the stream plays (or fails with
 * a {@link io.hearth.runtime.error.HubException} saying why); afterwards frames and status go to
 * the sink. {@code close} ends the connection; it is idempotent. A source is used once: to
 * reconnect, the switchboard creates a new one.
 */
public interface MediaSource {
  Future<Void> open(MediaSink sink);

  Future<Void> close();
}
