package io.hearth.adapters.rtsp.codec;

/** Small ASCII helpers shared by the text parsers (RTSP head, SDP, authentication headers). */
final class Text {
  private static final String TOKEN_SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

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

  /** An RFC 2616 token character: visible ASCII that is not a separator. */
  static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7F && TOKEN_SEPARATORS.indexOf(c) < 0;
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

  /** The index of the first control character other than tab, or -1. */
  static int indexOfControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  /** {@code s} cut to at most 60 characters with control characters escaped, for messages. */
  static String shorten(String s) {
    String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    StringBuilder out = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append(String.format("\\x%02x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
