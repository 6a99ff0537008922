package io.hearth.runtime.camera;

/**
 * Camera URLs as people type them. ffmpeg and go2rtc take a raw {@code @} in a password ({@code
 * rtsp://admin:p@ss@192.168.1.20/stream}): the user-info ends at the last {@code @} of the
 * authority, and the authority ends at the first {@code /}, {@code ?} or {@code #}. {@link
 * java.net.URI} refuses such a URL (it finds no host), so the earlier {@code @}s are
 * percent-encoded first; {@link Camera} decodes them back into the password.
 */
public final class CameraUrls {
  private CameraUrls() {}

  /** The URL with every {@code @} of its user-info but the separator written {@code %40}. */
  public static String encodeUserInfo(String text) {
    int scheme = text.indexOf("://");
    if (scheme < 0) {
      return text;
    }
    int start = scheme + 3;
    int end = authorityEnd(text, start);
    String authority = text.substring(start, end);
    int separator = authority.lastIndexOf('@');
    if (separator <= 0 || authority.indexOf('@') == separator) {
      return text;
    }
    String userInfo = authority.substring(0, separator).replace("@", "%40");
    return text.substring(0, start)
        + userInfo
        + authority.substring(separator)
        + text.substring(end);
  }

  private static int authorityEnd(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return text.length();
  }
}
