package io.hearth.runtime.recording;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
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
  private static final int UPDATE_BYTES = 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SegmentCipher() {}

  static byte[] newKey() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return key;
  }

  /** The file's bytes for {@code plain}. */
  static byte[] seal(byte[] key, String cameraId, String segmentId, byte[] plain) {
    return seal(key, cameraId, segmentId, List.of(plain), plain.length);
  }

  /**
   * The file's bytes for the plain text made of {@code parts} in order, {@code plainBytes} long,
   * encrypted straight into the one array returned (no joined copy of the plain text). The cipher
   * is fed {@link #UPDATE_BYTES} at a time: a segment sealed in one call ran the JDK's GCM without
   * its intrinsics every time (55-75 MB/s here, 35-45 ms of CPU for a 10 s 1080p segment), as one
   * call every few seconds never gets its callers compiled; 1 KiB calls get the update path
   * compiled with the CPU's AES and carry-less multiply instructions after three or four segments
   * (about 1.8 GB/s; 2 KiB took five, 8 KiB more than fifteen). Same key, nonce, additional data
   * and tag as one call: the file is the same construction.
   */
  static byte[] seal(
      byte[] key, String cameraId, String segmentId, List<byte[]> parts, long plainBytes) {
    long fed = 0;
    for (byte[] part : parts) {
      fed += part.length;
    }
    if (fed != plainBytes) {
      throw new IllegalArgumentException(
          "the segment's parts hold " + fed + " bytes, not " + plainBytes);
    }
    int header = MAGIC.length + NONCE_BYTES;
    if (plainBytes > Integer.MAX_VALUE - header - TAG_BITS / 8) {
      throw new IllegalArgumentException("a segment of " + plainBytes + " bytes is too large");
    }
    byte[] file = new byte[header + (int) plainBytes + TAG_BITS / 8];
    System.arraycopy(MAGIC, 0, file, 0, MAGIC.length);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, file, MAGIC.length, NONCE_BYTES);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce, aad(cameraId, segmentId));
      int at = header;
      for (byte[] part : parts) {
        for (int from = 0; from < part.length; from += UPDATE_BYTES) {
          int length = Math.min(UPDATE_BYTES, part.length - from);
          at += cipher.update(part, from, length, file, at);
        }
      }
      at += cipher.doFinal(file, at);
      if (at != file.length) {
        throw new IllegalStateException("sealed " + at + " bytes of " + file.length);
      }
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal a segment", e);
    }
  }

  /** The plain segment; fails if the key, the camera, the id or any byte is not the original. */
  static byte[] open(byte[] key, String cameraId, String segmentId, byte[] file) {
    if (file.length < MAGIC.length + NONCE_BYTES + TAG_BITS / 8
        || !Arrays.equals(Arrays.copyOf(file, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("not a Hearth recording segment (bad header)");
    }
    byte[] nonce = Arrays.copyOfRange(file, MAGIC.length, MAGIC.length + NONCE_BYTES);
    int header = MAGIC.length + NONCE_BYTES;
    try {
      // Straight from the file's bytes: no copy of the sealed part.
      return cipher(Cipher.DECRYPT_MODE, key, nonce, aad(cameraId, segmentId))
          .doFinal(file, header, file.length - header);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the segment does not open with this key (wrong key, or the file was changed)", e);
    }
  }

  private static byte[] aad(String cameraId, String segmentId) {
    return ("hearth-segment-v1\0" + cameraId + "\0" + segmentId).getBytes(StandardCharsets.UTF_8);
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }
}
