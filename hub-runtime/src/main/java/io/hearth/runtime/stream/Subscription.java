package io.hearth.runtime.stream;

import io.vertx.core.Future;

/**
 * A viewer's attachment to a camera's feed, returned by {@link Switchboard#subscribe}. Closing it
 * detaches the viewer; the camera's upstream closes after the linger time once no viewer is left.
 */
public interface Subscription {
  /** Detaches the viewer; idempotent, callable from any thread; completes once detached. */
  Future<Void> close();
}
