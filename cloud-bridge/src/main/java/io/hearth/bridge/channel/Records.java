package io.hearth.bridge.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The channel's framing over the relay's byte stream, which may split or join messages: each record
 * is a 4-byte big-endian length and that many bytes (a handshake message or a sealed channel
 * message). A length over {@link Channel#MAX_CIPHERTEXT} is refused before anything is buffered, so
 * a reader holds at most one record.
 */
public final class Records {
  private byte[] pending = new byte[0];

  /** One record's bytes ready to send. */
  public static byte[] frame(byte[] record) {
    return ByteBuffer.allocate(4 + record.length).putInt(record.length).put(record).array();
  }

  /** Takes more bytes; returns the records now complete. IllegalArgumentException when too big. */
  public List<byte[]> feed(byte[] bytes) {
    byte[] all = Arrays.copyOf(pending, pending.length + bytes.length);
    System.arraycopy(bytes, 0, all, pending.length, bytes.length);
    List<byte[]> records = new ArrayList<>();
    int at = 0;
    while (all.length - at >= 4) {
      int length = ByteBuffer.wrap(all, at, 4).getInt();
      if (length < 0 || length > Channel.MAX_CIPHERTEXT) {
        throw new IllegalArgumentException("channel record of " + length + " bytes");
      }
      if (all.length - at - 4 < length) {
        break;
      }
      records.add(Arrays.copyOfRange(all, at + 4, at + 4 + length));
      at += 4 + length;
    }
    pending = Arrays.copyOfRange(all, at, all.length);
    return records;
  }
}
