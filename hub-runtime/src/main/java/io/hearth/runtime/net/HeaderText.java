package io.hearth.runtime.net;

/**
 * ASCII helpers for the text protocols cameras speak (HTTP and RTSP headers, authentication
 * challenges, SDP): RFC 7230 tokens, control characters, untrusted text fit for an error message.
 */
public final class HeaderText {
  private static final String TOKEN_SEPARATORS = "()<>@,;:\\\"/[]?={} \t";
  private static final int SHOWN_CHARS = 60;

  private HeaderText() {}

  /** An RFC 7230 token character: visible ASCII that is not a separator. */
  public static boolean isTokenChar(char c) {
    return c > 0x20 && c < 0x7F && TOKEN_SEPARATORS.indexOf(c) < 0;
  }

  /** The index of the first control character other than tab, or -1. */
  public static int indexOfControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  /** Untrusted text cut short and with controls escaped as \\xNN, fit for an error message. */
  public static String shorten(String s) {
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
