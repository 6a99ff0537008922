package io.hearth.adapters.mjpeg.codec;

import java.nio.charset.StandardCharsets;

/**
 * Bytes from a camera that are not a well-formed multipart JPEG stream. The message says what was
 * expected and shows a short, printable preview of what came instead.
 */
public final class MjpegFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int PREVIEW_BYTES = 40;

  public MjpegFormatException(String message) {
    super(message);
  }

  /** Up to 40 bytes as text, with anything unprintable shown as {@code \xNN}. */
  static String preview(byte[] bytes, int offset, int length) {
    StringBuilder text = new StringBuilder();
    int end = offset + Math.min(length, PREVIEW_BYTES);
    for (int i = offset; i < end; i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f) {
        text.append((char) b);
      } else {
        text.append(String.format("\\x%02x", b));
      }
    }
    return length > PREVIEW_BYTES ? text + "..." : text.toString();
  }

  static String preview(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return preview(bytes, 0, bytes.length);
  }
}
