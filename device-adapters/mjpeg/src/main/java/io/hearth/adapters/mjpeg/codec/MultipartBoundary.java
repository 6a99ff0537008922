package io.hearth.adapters.mjpeg.codec;

import java.util.Locale;

/**
 * The boundary of a {@code multipart/x-mixed-replace} stream, read from its Content-Type. Cameras
 * disagree on whether the parameter includes the leading {@code --}, so it is kept without leading
 * dashes and delimiter lines are matched with any number of them.
 */
public final class MultipartBoundary {
  private static final int MAX_LENGTH = 200;

  private MultipartBoundary() {}

  /** The boundary token (without leading dashes) of a multipart Content-Type. */
  public static String fromContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw new MjpegFormatException(
          "the camera sent no Content-Type; expected multipart/x-mixed-replace with a boundary");
    }
    String[] fields = contentType.split(";", -1);
    String mediaType = fields[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.startsWith("multipart/")) {
      throw new MjpegFormatException(
          "the camera answered with Content-Type '"
              + MjpegFormatException.preview(contentType)
              + "', not a multipart MJPEG stream; check the camera's video URL");
    }
    for (int i = 1; i < fields.length; i++) {
      String field = fields[i].trim();
      int eq = field.indexOf('=');
      if (eq > 0 && field.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
        return token(field.substring(eq + 1).trim(), contentType);
      }
    }
    throw new MjpegFormatException(
        "the camera's Content-Type '"
            + MjpegFormatException.preview(contentType)
            + "' has no boundary parameter");
  }

  private static String token(String value, String contentType) {
    String token = value;
    if (token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")) {
      token = token.substring(1, token.length() - 1);
    }
    int start = 0;
    while (start < token.length() && token.charAt(start) == '-') {
      start++;
    }
    token = token.substring(start);
    if (token.isEmpty() || token.length() > MAX_LENGTH || !printable(token)) {
      throw new MjpegFormatException(
          "the camera's multipart boundary in '"
              + MjpegFormatException.preview(contentType)
              + "' is empty, too long or not printable");
    }
    return token;
  }

  private static boolean printable(String token) {
    return token.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }
}
