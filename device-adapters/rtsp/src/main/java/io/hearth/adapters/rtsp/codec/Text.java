package io.hearth.adapters.rtsp.codec;

import io.hearth.runtime.net.HeaderText;

/**
 * Small ASCII helpers of the RTSP head and SDP parsers; token, control and message helpers are
 * {@link HeaderText}'s, shared with the other adapters.
 */
final class Text {
  private Text() {}

  /** True if {@code s} is 1..maxDigits ASCII digits. */
  static boolean isDigits(String s, int maxDigits) {
    if (s.isEmpty() || s.length() > maxDigits) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** Parses ASCII digits into an int within {@code [0, max]}, naming {@code what} on failure. */
  static int parseBounded(String s, int max, String what) throws CodecException {
    if (!isDigits(s, 10)) {
      throw new CodecException(what + ": expected a decimal number, got '" + shorten(s) + "'");
    }
    long value = Long.parseLong(s);
    if (value > max) {
      throw new CodecException(what + ": " + value + " is over the limit of " + max);
    }
    return (int) value;
  }

  static boolean isTokenChar(char c) {
    return HeaderText.isTokenChar(c);
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static int indexOfControl(String s) {
    return HeaderText.indexOfControl(s);
  }

  static String shorten(String s) {
    return HeaderText.shorten(s);
  }
}
