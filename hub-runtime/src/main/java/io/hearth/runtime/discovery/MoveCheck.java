package io.hearth.runtime.discovery;

import io.hearth.runtime.camera.Camera;
import io.vertx.core.Future;

/**
 * Asks the device at a claimed new address to prove it is an adopted camera (an ONVIF camera
 * answers its device information, asked with the camera's credentials as a digest, the same as at
 * adoption). Registered per discovery protocol with {@link CameraFollowing#registerCheck}; a
 * protocol without one leaves every move to the owner.
 */
public interface MoveCheck {
  /**
   * Succeeds if the device at {@code entry.move().to()} proved it is {@code camera}. Fails with
   * {@link Refused} if it is not (or would not prove it), or with any other error if it could not
   * be asked (then the owner decides). Must never send a password readable by the device.
   */
  Future<Void> check(Discovered entry, Camera camera);

  /** The device at the new address is not the camera; the message says why (no secret in it). */
  final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Refused(String message) {
      super(message, null, false, false);
    }
  }
}
