package io.hearth.bridge.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Noise's SymmetricState (rev. 34, section 5.2) for {@code Noise_KK_25519_AESGCM_SHA256}: the
 * chaining key, the handshake hash and the current handshake key. HKDF is RFC 5869's extract and
 * expand with HMAC-SHA256, as Noise defines it.
 */
final class SymmetricState {
  static final String PROTOCOL = "Noise_KK_25519_AESGCM_SHA256";
  private static final byte[] EMPTY = new byte[0];

  private byte[] ck;
  private byte[] h;
  private CipherState k;

  SymmetricState() {
    byte[] name = PROTOCOL.getBytes(StandardCharsets.US_ASCII);
    h = Arrays.copyOf(name, 32); // shorter than the hash: zero-padded
    ck = h.clone();
  }

  byte[] hash() {
    return h.clone();
  }

  void mixHash(byte[] data) throws GeneralSecurityException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(h);
    sha.update(data);
    h = sha.digest();
  }

  void mixKey(byte[] ikm) throws GeneralSecurityException {
    byte[][] out = hkdf(ck, ikm);
    ck = out[0];
    k = new CipherState(out[1]);
  }

  byte[] encryptAndHash(byte[] plaintext) throws GeneralSecurityException {
    byte[] ciphertext = k == null ? plaintext : k.encrypt(h, plaintext);
    mixHash(ciphertext);
    return ciphertext;
  }

  byte[] decryptAndHash(byte[] ciphertext) throws GeneralSecurityException {
    byte[] plaintext = k == null ? ciphertext : k.decrypt(h, ciphertext);
    mixHash(ciphertext);
    return plaintext;
  }

  /** The two transport keys: initiator to responder, then responder to initiator. */
  CipherState[] split() throws GeneralSecurityException {
    byte[][] out = hkdf(ck, EMPTY);
    CipherState[] pair = {new CipherState(out[0]), new CipherState(out[1])};
    Arrays.fill(out[0], (byte) 0);
    Arrays.fill(out[1], (byte) 0);
    Arrays.fill(ck, (byte) 0);
    return pair;
  }

  /** HKDF with two outputs (RFC 5869, zero-length info, as Noise section 4.3). */
  static byte[][] hkdf(byte[] chainingKey, byte[] ikm) throws GeneralSecurityException {
    byte[] prk = hmac(chainingKey, ikm);
    byte[] first = hmac(prk, new byte[] {1});
    byte[] second = hmac(prk, concat(first, new byte[] {2}));
    Arrays.fill(prk, (byte) 0);
    return new byte[][] {first, second};
  }

  private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
