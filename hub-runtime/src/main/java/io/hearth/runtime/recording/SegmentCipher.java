package io.hearth.runtime.recording;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for recordings at rest. A segment file is {@code HRS1}, a 12-byte nonce, then the
 * ciphertext with its tag, under a key of its own; the additional data binds the file to its camera
 * and segment id, so a file moved to another camera's folder or renamed does not open. A segment
 * key is kept only wrapped (the same construction) by the hub's recording key.
 */
final class SegmentCipher {
  static final int KEY_BYTES = 32;
  private static final byte[] MAGIC = "HRS1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SegmentCipher() {}

  static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** The file's bytes for {@code plain}. */
  static byte[] seal(byte[] key, String cameraId, String segmentId, byte[] plain) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, key, nonce, aad(cameraId, segmentId), plain);
    return ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length)
        .put(MAGIC)
        .put(nonce)
        .put(sealed)
        .array();
  }

  /** The plain segment; fails if the key, the camera, the id or any byte is not the original. */
  static byte[] open(byte[] key, String cameraId, String segmentId, byte[] file) {
    if (file.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8
        || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("not a Hearth recording segment (bad header)");
    }
    byte[] nonce = Arrays.copyOfRange(file, MAGIC.length, MAGIC.length + NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(file, MAGIC.length + NONCE_BYTES, file.length);
    return run(Cipher.DECRYPT_MODE, key, nonce, aad(cameraId, segmentId), sealed);
  }

  private static byte[] aad(String cameraId, String segmentId) {
    return ("hearth-segment-v1\0" + cameraId + "\0" + segmentId).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] run(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the segment does not open with this key (wrong key, or the file was changed)", e);
    }
  }
}
