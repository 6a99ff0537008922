package io.hearth.runtime.net.auth;

import io.hearth.runtime.net.HeaderText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code Authorization: Basic} value (RFC 7617). Basic sends the password in the clear on plain
 * RTSP, so it is only for cameras that offer nothing else; see {@link AuthChallenge#strongest}.
 */
public final class BasicAuth {
  private BasicAuth() {}

  /** {@code Basic base64(user:password)}, UTF-8. A user name may not contain ':'. */
  public static String header(String user, String password) {
    if (user.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a Basic user name cannot contain ':'");
    }
    if (HeaderText.indexOfControl(user) >= 0 || HeaderText.indexOfControl(password) >= 0) {
      throw new IllegalArgumentException("user name and password must not contain control chars");
    }
    byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }
}
