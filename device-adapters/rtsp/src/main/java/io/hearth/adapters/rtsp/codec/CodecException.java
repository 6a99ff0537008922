package io.hearth.adapters.rtsp.codec;

/**
 * Untrusted bytes from a camera did not follow the protocol. The message says what was found and
 * what was expected, so it can be logged and shown as the reason a camera went offline.
 *
 * <p>Checked on purpose: every caller that feeds network bytes into a codec must decide what a
 * protocol error means for its connection.
 */
public final class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
