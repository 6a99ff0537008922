package io.hearth.runtime.net.auth;

import io.hearth.runtime.net.HeaderText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Answers a Digest challenge (RFC 2617, RFC 7616): MD5 or SHA-256, with or without {@code -sess},
 * qop {@code auth} or none ({@code auth-int} is not supported). Counts nonce uses so each request
 * gets a fresh {@code nc}. Build a new one when the camera sends a new challenge (for example
 * {@code stale=true}). Not thread-safe.
 */
public final class DigestAuth {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String user;
  private final String password;
  private final String realm;
  private final String nonce;
  private final String opaque;
  private final String algorithm;
  private final boolean qopAuth;
  private final Supplier<String> cnonces;
  private int nonceCount;

  private DigestAuth(
      AuthChallenge challenge, String user, String password, Supplier<String> cnonces)
      throws AuthException {
    if (!challenge.isScheme("Digest")) {
      throw new AuthException("expected a Digest challenge, got " + challenge.scheme());
    }
    this.realm = required(challenge, "realm");
    this.nonce = required(challenge, "nonce");
    this.opaque = challenge.parameter("opaque").orElse(null);
    this.algorithm = challenge.parameter("algorithm").orElse(null);
    this.qopAuth = chooseQop(challenge.parameter("qop").orElse(null));
    digestName(); // fails early on an unsupported algorithm
    checkNoControl(user, password);
    this.user = user;
    this.password = password;
    this.cnonces = cnonces;
  }

  /** Prepares answers to {@code challenge} with these credentials. */
  public static DigestAuth of(AuthChallenge challenge, String user, String password)
      throws AuthException {
    return new DigestAuth(challenge, user, password, DigestAuth::randomCnonce);
  }

  /** As {@link #of}, with fixed client nonces, for reproducible tests. */
  static DigestAuth of(
      AuthChallenge challenge, String user, String password, Supplier<String> cnonces)
      throws AuthException {
    return new DigestAuth(challenge, user, password, cnonces);
  }

  /** The {@code Authorization} header value for one request. */
  public String authorization(String method, String uri) {
    if (HeaderText.indexOfControl(method + uri) >= 0 || uri.indexOf('"') >= 0) {
      throw new IllegalArgumentException("method and URI must not contain controls or quotes");
    }
    StringBuilder out = new StringBuilder("Digest ");
    out.append("username=").append(quote(user)).append(", realm=").append(quote(realm));
    out.append(", nonce=").append(quote(nonce)).append(", uri=").append(quote(uri));
    if (qopAuth) {
      String nc = String.format("%08x", ++nonceCount);
      String cnonce = cnonces.get();
      out.append(", response=\"").append(response(method, uri, nc, cnonce)).append('"');
      out.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(quote(cnonce));
    } else {
      out.append(", response=\"").append(response(method, uri, null, null)).append('"');
    }
    if (algorithm != null) {
      out.append(", algorithm=").append(algorithm);
    }
    if (opaque != null) {
      out.append(", opaque=").append(quote(opaque));
    }
    return out.toString();
  }

  /** The request-digest (RFC 7616 §3.4.1); {@code nc} and {@code cnonce} null without qop. */
  String response(String method, String uri, String nc, String cnonce) {
    String ha1 = hash(user + ":" + realm + ":" + password);
    if (algorithm != null && algorithm.toLowerCase(Locale.ROOT).endsWith("-sess")) {
      ha1 = hash(ha1 + ":" + nonce + ":" + (cnonce == null ? "" : cnonce));
    }
    String ha2 = hash(method + ":" + uri);
    return nc == null
        ? hash(ha1 + ":" + nonce + ":" + ha2)
        : hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
  }

  private String hash(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance(digestName());
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | AuthException e) {
      throw new IllegalStateException("checked in the constructor", e);
    }
  }

  private String digestName() throws AuthException {
    String name = algorithm == null ? "MD5" : algorithm.toUpperCase(Locale.ROOT);
    return switch (name) {
      case "MD5", "MD5-SESS" -> "MD5";
      case "SHA-256", "SHA-256-SESS" -> "SHA-256";
      default ->
          throw new AuthException(
              "Digest algorithm '"
                  + HeaderText.shorten(algorithm)
                  + "' unsupported; expected MD5 or SHA-256");
    };
  }

  private static boolean chooseQop(String offered) throws AuthException {
    if (offered == null) {
      return false;
    }
    for (String option : offered.split(",", 8)) {
      if (option.trim().equalsIgnoreCase("auth")) {
        return true;
      }
    }
    throw new AuthException(
        "Digest qop '" + HeaderText.shorten(offered) + "' lacks 'auth'; auth-int unsupported");
  }

  private static String required(AuthChallenge challenge, String name) throws AuthException {
    return challenge
        .parameter(name)
        .orElseThrow(
            () -> new AuthException("Digest challenge without the " + name + " parameter"));
  }

  private static void checkNoControl(String user, String password) {
    if (HeaderText.indexOfControl(user) >= 0 || HeaderText.indexOfControl(password) >= 0) {
      throw new IllegalArgumentException("user name and password must not contain control chars");
    }
  }

  private static String quote(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static String randomCnonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
