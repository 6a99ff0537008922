package io.hearth.runtime.discovery;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;

/**
 * Turns an inbox entry of one protocol into a camera or device, when the owner asks. Registered
 * with {@link Inbox#registerAdopter} by the module that discovers that protocol (ONVIF asks the
 * camera for its stream URI with the credentials given, say).
 */
public interface Adopter {
  /**
   * Adopts {@code entry} and answers the id of the camera or device it became. Fails with a {@link
   * io.hearth.runtime.error.HubException} that says what to do (wrong credentials: 401 with {@code
   * adopt_failed}, say). {@code credentials} may be null.
   */
  Future<String> adopt(
      Principal owner, Discovered entry, String name, Camera.Credentials credentials);
}
