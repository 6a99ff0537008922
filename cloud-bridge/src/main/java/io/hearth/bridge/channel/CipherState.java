package io.hearth.bridge.channel;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's AES-256-GCM key and its counter nonce (Noise: 4 zero bytes, then the counter
 * big-endian). A nonce is never used twice: the counter only grows, and the key is refused once it
 * would wrap. Not thread-safe: one per direction, used in order.
 */
final class CipherState {
  static final int TAG_BYTES = 16;

  private final SecretKeySpec key;
  private long nonce;

  CipherState(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  /** The raw key, for the known-answer test only. */
  byte[] keyBytes() {
    return key.getEncoded();
  }

  byte[] encrypt(byte[] ad, byte[] plaintext) throws GeneralSecurityException {
    return run(Cipher.ENCRYPT_MODE, ad, plaintext);
  }

  /** Decrypts, or throws AEADBadTagException when the bytes were not sealed with this key. */
  byte[] decrypt(byte[] ad, byte[] ciphertext) throws GeneralSecurityException {
    return run(Cipher.DECRYPT_MODE, ad, ciphertext);
  }

  private byte[] run(int mode, byte[] ad, byte[] input) throws GeneralSecurityException {
    if (nonce == -1L) {
      throw new GeneralSecurityException("nonces exhausted");
    }
    byte[] iv = ByteBuffer.allocate(12).putInt(0).putLong(nonce).array();
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
    cipher.updateAAD(ad);
    byte[] output = cipher.doFinal(input);
    nonce++; // only after success: a refused message does not move the counter
    return output;
  }
}
