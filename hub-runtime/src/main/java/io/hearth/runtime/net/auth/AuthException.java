package io.hearth.runtime.net.auth;

/**
 * A camera's authentication challenge could not be read or answered: malformed, over a bound, or
 * asking for something this hub does not speak. The message says which, for the camera's status.
 *
 * <p>Checked on purpose: the challenge comes from the network, and each adapter decides what a bad
 * one means for its connection (RTSP: protocol error; MJPEG: authentication failed).
 */
public final class AuthException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuthException(String message) {
    super(message);
  }
}
