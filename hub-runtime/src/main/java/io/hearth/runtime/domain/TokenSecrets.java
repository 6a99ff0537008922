package io.hearth.runtime.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API token secrets: {@code hth_} and 256 random bits, and the SHA-256 the store keeps instead (a
 * fast hash is right for a secret of that entropy: there is nothing to brute-force).
 */
public final class TokenSecrets {
  public static final String PREFIX = "hth_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  /** A new secret, shown once to whoever receives it and never stored. */
  public static String newSecret() {
    return newSecret(PREFIX);
  }

  /** A new 256-bit secret with another prefix (a sign-in's cookie, its CSRF value). */
  public static String newSecret(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** What the store keeps of a secret. */
  public static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
