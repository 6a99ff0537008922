package io.hearth.runtime.media;

/**
 * Thrown when media bytes from a camera (NAL units, parameter sets, sample payloads) are malformed
 * or outside the bounds Hearth accepts. The message says what was wrong, so that an adapter can log
 * it and drop the frame or the connection instead of crashing.
 */
public final class MediaFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message says what was wrong with the input. */
  public MediaFormatException(String message) {
    super(message);
  }
}
