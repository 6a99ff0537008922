package io.hearth.runtime.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals every chunk a viewer receives (docs/wire-format.md): AES-256-GCM under the session's own
 * key, with the header (session id, camera id, sequence number) as associated data, so a chunk that
 * is replayed, reordered, spliced from another session or another camera, or altered, fails the
 * viewer's check. The nonce is the sequence number, unique per key because each session has a fresh
 * key and numbers never repeat. One sealer per session; not thread-safe.
 */
public final class Sealer {
  public static final byte MAGIC_0 = 'H';
  public static final byte MAGIC_1 = 'S';
  public static final byte VERSION = 1;
  public static final int KEY_BYTES = 32;
  public static final int TAG_BITS = 128;
  static final int MAX_ID = 64;

  /** What a chunk carries. */
  public enum Kind {
    /** Codec string and fMP4 init segment. */
    INIT(1),
    /** An fMP4 fragment (moof + mdat). */
    MEDIA(2),
    /** One JPEG. */
    JPEG(3),
    /** A JSON control message: camera status, end of session. */
    CONTROL(4);

    final int code;

    Kind(int code) {
      this.code = code;
    }

    static Kind of(int code) {
      for (Kind kind : values()) {
        if (kind.code == code) {
          return kind;
        }
      }
      return null;
    }
  }

  private final SecretKeySpec key;
  private final Cipher cipher;
  private final byte[] sessionId;
  private final byte[] cameraId;
  private long sequence;

  public Sealer(byte[] key, String sessionId, String cameraId) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("a session key is 32 bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.cipher = newCipher();
    this.sessionId = ascii(sessionId);
    this.cameraId = ascii(cameraId);
  }

  /** Seals the next chunk from a buffer's remaining bytes (a view, left as it was). */
  public byte[] seal(Kind kind, java.nio.ByteBuffer payload) {
    byte[] header = header(kind.code, sessionId, cameraId, sequence);
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(sequence)));
      cipher.updateAAD(header);
      byte[] sealed = new byte[header.length + cipher.getOutputSize(payload.remaining())];
      System.arraycopy(header, 0, sealed, 0, header.length);
      java.nio.ByteBuffer out =
          java.nio.ByteBuffer.wrap(sealed, header.length, sealed.length - header.length);
      cipher.doFinal(payload.duplicate(), out);
      sequence++;
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /** Seals the next chunk: header, then ciphertext and tag. */
  public byte[] seal(Kind kind, byte[] payload) {
    byte[] header = header(kind.code, sessionId, cameraId, sequence);
    try {
      // One cipher per session, initialised with a fresh nonce for every chunk.
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce(sequence)));
      cipher.updateAAD(header);
      byte[] sealed = new byte[header.length + cipher.getOutputSize(payload.length)];
      System.arraycopy(header, 0, sealed, 0, header.length);
      cipher.doFinal(payload, 0, payload.length, sealed, header.length);
      sequence++;
      return sealed;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is missing from this JDK", e);
    }
  }

  /** The sequence number the next chunk will carry. */
  public long nextSequence() {
    return sequence;
  }

  static byte[] header(int kind, byte[] session, byte[] camera, long sequence) {
    ByteBuffer header = ByteBuffer.allocate(4 + 1 + session.length + 1 + camera.length + 8);
    header.put(MAGIC_0).put(MAGIC_1).put(VERSION).put((byte) kind);
    header.put((byte) session.length).put(session);
    header.put((byte) camera.length).put(camera);
    header.putLong(sequence);
    return header.array();
  }

  static byte[] nonce(long sequence) {
    return ByteBuffer.allocate(12).putInt(0).putLong(sequence).array();
  }

  static byte[] ascii(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length == 0 || bytes.length > MAX_ID) {
      throw new IllegalArgumentException("an id is 1 to 64 ASCII characters");
    }
    return bytes;
  }
}
