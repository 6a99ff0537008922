package io.hearth.adapters.mjpeg.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a camera's {@code 401} with an {@code Authorization} header: HTTP Digest (RFC 7616: MD5
 * or SHA-256, with or without {@code -sess}, qop {@code auth} or none) when offered, else Basic.
 */
public final class HttpAuthorization {
  private HttpAuthorization() {}

  /**
   * The header value answering the strongest supported challenge, or empty when the camera offers
   * only schemes this adapter does not speak.
   */
  public static Optional<String> answer(
      List<String> wwwAuthenticate,
      String username,
      String password,
      String method,
      String uri,
      String cnonce) {
    List<AuthChallenge> challenges =
        wwwAuthenticate.stream().flatMap(h -> AuthChallenge.parse(h).stream()).toList();
    for (AuthChallenge challenge : challenges) {
      if (challenge.scheme().equals("digest") && algorithm(challenge) != null) {
        return Optional.of(digest(challenge, username, password, method, uri, cnonce));
      }
    }
    for (AuthChallenge challenge : challenges) {
      if (challenge.scheme().equals("basic")) {
        return Optional.of(basic(username, password));
      }
    }
    return Optional.empty();
  }

  /** {@code Basic base64(user:password)}, UTF-8. */
  public static String basic(String username, String password) {
    byte[] pair = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair);
  }

  static String digest(
      AuthChallenge c, String username, String password, String method, String uri, String cnonce) {
    String algorithm = c.param("algorithm").isEmpty() ? "MD5" : c.param("algorithm");
    String hash = algorithm(c);
    String nonce = c.param("nonce");
    String ha1 = hex(hash, username + ":" + c.param("realm") + ":" + password);
    if (algorithm.toLowerCase(Locale.ROOT).endsWith("-sess")) {
      ha1 = hex(hash, ha1 + ":" + nonce + ":" + cnonce);
    }
    String ha2 = hex(hash, method + ":" + uri);
    boolean qop = offersAuthQop(c.param("qop"));
    String response =
        qop
            ? hex(hash, ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2)
            : hex(hash, ha1 + ":" + nonce + ":" + ha2);
    StringBuilder header = new StringBuilder("Digest ");
    header.append(quoted("username", username)).append(", ");
    header.append(quoted("realm", c.param("realm"))).append(", ");
    header.append(quoted("nonce", nonce)).append(", ");
    header.append(quoted("uri", uri)).append(", algorithm=").append(algorithm);
    if (qop) {
      header.append(", qop=auth, nc=00000001, ").append(quoted("cnonce", cnonce));
    }
    header.append(", ").append(quoted("response", response));
    if (!c.param("opaque").isEmpty()) {
      header.append(", ").append(quoted("opaque", c.param("opaque")));
    }
    return header.toString();
  }

  /** The JDK digest name for the challenge's algorithm, or null when unsupported. */
  private static String algorithm(AuthChallenge challenge) {
    String name = challenge.param("algorithm").toUpperCase(Locale.ROOT);
    return switch (name) {
      case "", "MD5", "MD5-SESS" -> "MD5";
      case "SHA-256", "SHA-256-SESS" -> "SHA-256";
      default -> null;
    };
  }

  private static boolean offersAuthQop(String qop) {
    for (String option : qop.split(",", -1)) {
      if (option.trim().equalsIgnoreCase("auth")) {
        return true;
      }
    }
    return false;
  }

  private static String quoted(String name, String value) {
    return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String hex(String algorithm, String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }
}
