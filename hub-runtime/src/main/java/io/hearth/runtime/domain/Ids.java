package io.hearth.runtime.domain;

import java.security.SecureRandom;

/**
 * Random identifiers with a readable kind prefix ({@code mem_}, {@code tok_}, ...): 100 random bits
 * in lowercase base32, so an id never reveals order or count and cannot be guessed.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Ids() {}

  public static String newId(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append('_');
    for (int i = 0; i < 20; i++) {
      id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }

  /** True for a well-formed id of the given prefix; used to reject junk before any lookup. */
  public static boolean isWellFormed(String id, String prefix) {
    return id != null && id.matches(prefix + "_[a-z2-7]{20}");
  }
}
