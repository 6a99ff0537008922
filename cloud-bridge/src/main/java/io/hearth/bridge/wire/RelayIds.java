package io.hearth.bridge.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A hub's relay id: the first 20 bytes of SHA-256 of its public key, in lowercase base32 (32
 * characters). Derived, never assigned, so a relay needs no accounts and nobody can claim a home
 * whose key they do not hold.
 */
public final class RelayIds {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  public static final int LENGTH = 32;

  private RelayIds() {}

  public static String of(byte[] publicKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
      return base32(digest, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
  }

  /** Whether text has the shape of a relay id (checked before any lookup). */
  public static boolean isWellFormed(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
      if (!((b >= 'a' && b <= 'z') || (b >= '2' && b <= '7'))) {
        return false;
      }
    }
    return true;
  }

  private static String base32(byte[] bytes, int count) {
    StringBuilder out = new StringBuilder(LENGTH);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < count; i++) {
      buffer = (buffer << 8) | (bytes[i] & 0xFF);
      bits += 8;
      while (bits >= 5) {
        out.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    return out.toString();
  }
}
