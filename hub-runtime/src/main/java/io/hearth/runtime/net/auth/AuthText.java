package io.hearth.runtime.net.auth;

/** ASCII helpers for authentication headers (RFC 7230 tokens, control characters). */
final class AuthText {
  private static final String TOKEN_SEPARATORS = "()<>@,;:\\\"/[]?={} \t";
  private static final int SHOWN_CHARS = 60;

  private AuthText() {}

  /** An RFC 7230 token character: visible ASCII that is not a separator. */
  static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7F && TOKEN_SEPARATORS.indexOf(c) < 0;
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

  /** Untrusted text cut short and with controls escaped as \\xNN, fit for an error message. */
  static String shorten(String s) {
    String cut = s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS) + "..." : s;
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
