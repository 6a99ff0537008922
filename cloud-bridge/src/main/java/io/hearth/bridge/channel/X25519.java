package io.hearth.bridge.channel;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * X25519 through the JDK's provider, with public keys in their raw 32-byte form (what WebCrypto's
 * {@code exportKey("raw")} gives and what the Noise handshake carries).
 */
public final class X25519 {
  public static final int KEY_BYTES = 32;

  /** The fixed SubjectPublicKeyInfo prefix of every X25519 public key (RFC 8410). */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00
  };

  private X25519() {}

  public static KeyPair generate() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance("X25519").generateKeyPair();
  }

  /** The raw 32 bytes of a public key. */
  public static byte[] raw(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - KEY_BYTES, encoded.length);
  }

  /** A public key from its raw 32 bytes; IllegalArgumentException when the length is wrong. */
  public static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    if (raw == null || raw.length != KEY_BYTES) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes");
    }
    byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
    System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_BYTES);
    return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  /** The shared secret of a private and a raw public key. */
  public static byte[] dh(PrivateKey mine, byte[] theirRaw) throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("X25519");
    agreement.init(mine);
    agreement.doPhase(publicKey(theirRaw), true);
    return agreement.generateSecret();
  }
}
