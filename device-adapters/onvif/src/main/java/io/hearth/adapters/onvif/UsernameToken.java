package io.hearth.adapters.onvif;

import io.hearth.runtime.camera.Camera;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * A WS-Security UsernameToken with a password digest, as ONVIF asks: Base64(SHA-1(nonce + created +
 * password)), with a fresh random nonce and the creation time, so the password itself never
 * travels.
 */
final class UsernameToken {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DIGEST_TYPE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
          + "#PasswordDigest";
  private static final String BASE64_TYPE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0"
          + "#Base64Binary";

  private UsernameToken() {}

  /** The digest of {@code password} for that nonce and creation time. */
  static String digest(byte[] nonce, String created, String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(nonce);
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JDK", e);
    }
  }

  /** A SOAP Security header for these credentials, made now. */
  static String header(Camera.Credentials credentials) {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    return header(credentials.username(), nonce, created, credentials.password());
  }

  static String header(String username, byte[] nonce, String created, String password) {
    return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\""
        + Namespaces.WSSE
        + "\" xmlns:wsu=\""
        + Namespaces.WSU
        + "\"><wsse:UsernameToken><wsse:Username>"
        + Soap.escape(username)
        + "</wsse:Username><wsse:Password Type=\""
        + DIGEST_TYPE
        + "\">"
        + digest(nonce, created, password)
        + "</wsse:Password><wsse:Nonce EncodingType=\""
        + BASE64_TYPE
        + "\">"
        + Base64.getEncoder().encodeToString(nonce)
        + "</wsse:Nonce><wsu:Created>"
        + created
        + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
  }
}
