package io.hearth.runtime.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The viewer's side of {@link Sealer}, in Java (the display page has the same logic in JavaScript):
 * checks that a chunk is for this session and camera, is the next in sequence, and authenticates,
 * before anything looks at its payload.
 */
public final class Unsealer {
  private final SecretKeySpec key;
  private final String sessionId;
  private final String cameraId;
  private long expected;

  public Unsealer(byte[] key, String sessionId, String cameraId) {
    this.key = new SecretKeySpec(key.clone(), "AES");
    this.sessionId = sessionId;
    this.cameraId = cameraId;
  }

  /** An authenticated chunk. */
  public record Opened(Sealer.Kind kind, long sequence, byte[] payload) {}

  /** A chunk that must not be shown, with the reason. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason);
    }
  }

  public Opened open(byte[] chunk) throws Rejected {
    ByteBuffer in = ByteBuffer.wrap(chunk);
    try {
      if (in.get() != Sealer.MAGIC_0 || in.get() != Sealer.MAGIC_1 || in.get() != Sealer.VERSION) {
        throw new Rejected("not a sealed chunk of version 1");
      }
      Sealer.Kind kind = Sealer.Kind.of(in.get());
      String session = id(in);
      String camera = id(in);
      long sequence = in.getLong();
      check(kind != null, "unknown chunk kind");
      check(session.equals(sessionId), "chunk of another session");
      check(camera.equals(cameraId), "chunk of another camera");
      check(sequence == expected, "sequence " + sequence + " where " + expected + " was due");
      byte[] payload = decrypt(chunk, in.position(), sequence);
      expected++;
      return new Opened(kind, sequence, payload);
    } catch (java.nio.BufferUnderflowException e) {
      throw new Rejected("truncated chunk");
    }
  }

  private byte[] decrypt(byte[] chunk, int headerLength, long sequence) throws Rejected {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(Sealer.TAG_BITS, Sealer.nonce(sequence)));
      cipher.updateAAD(Arrays.copyOf(chunk, headerLength));
      return cipher.doFinal(chunk, headerLength, chunk.length - headerLength);
    } catch (GeneralSecurityException e) {
      throw new Rejected("authentication failed");
    }
  }

  private static String id(ByteBuffer in) throws Rejected {
    int length = in.get() & 0xff;
    check(length > 0 && length <= Sealer.MAX_ID, "bad id length");
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static void check(boolean ok, String reason) throws Rejected {
    if (!ok) {
      throw new Rejected(reason);
    }
  }
}
