package io.hearth.runtime.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Writes ISO BMFF boxes (ISO/IEC 14496-12) big-endian into a growing buffer. {@link #open} starts a
 * box with a placeholder size that {@link #close} fills in, so boxes nest naturally:
 *
 * <pre>{@code
 * w.open("moov"); w.openFull("mvhd", 0, 0); ...; w.close(); w.close();
 * }</pre>
 */
final class BoxWriter {
  private byte[] buffer;
  private int size;
  private final Deque<Integer> openBoxes = new ArrayDeque<>();

  /** A writer with a small initial buffer. */
  public BoxWriter() {
    this(256);
  }

  /** A writer whose buffer starts at {@code capacity} bytes. */
  public BoxWriter(int capacity) {
    buffer = new byte[Math.max(16, capacity)];
  }

  /** Starts a box of type {@code fourcc}; its size is written by the matching {@link #close}. */
  public BoxWriter open(String fourcc) {
    openBoxes.push(size);
    u32(0);
    return fourcc(fourcc);
  }

  /** Starts a full box: a box with a version byte and 24 bits of flags. */
  public BoxWriter openFull(String fourcc, int version, int flags) {
    open(fourcc);
    return u32(((long) (version & 0xff) << 24) | (flags & 0xffffff));
  }

  /** Ends the innermost open box and writes its size. */
  public BoxWriter close() {
    if (openBoxes.isEmpty()) {
      throw new IllegalStateException("no open box to close");
    }
    int start = openBoxes.pop();
    putU32At(start, size - start);
    return this;
  }

  /** Writes one byte. */
  public BoxWriter u8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  /** Writes 16 bits. */
  public BoxWriter u16(int value) {
    return u8(value >>> 8).u8(value);
  }

  /** Writes 32 bits. */
  public BoxWriter u32(long value) {
    return u16((int) (value >>> 16)).u16((int) value);
  }

  /** Writes 64 bits. */
  public BoxWriter u64(long value) {
    return u32(value >>> 32).u32(value);
  }

  /** Writes a four-character code such as {@code moov}. */
  public BoxWriter fourcc(String code) {
    byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length != 4) {
      throw new IllegalArgumentException("a four-character code has four characters: " + code);
    }
    return bytes(bytes);
  }

  /** Writes {@code count} zero bytes. */
  public BoxWriter zeros(int count) {
    ensure(count);
    Arrays.fill(buffer, size, size + count, (byte) 0);
    size += count;
    return this;
  }

  /** Writes all of {@code bytes}. */
  public BoxWriter bytes(byte[] bytes) {
    return bytes(bytes, 0, bytes.length);
  }

  /** Writes {@code length} bytes of {@code bytes} from {@code offset}. */
  public BoxWriter bytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
    return this;
  }

  /** Overwrites the 32 bits at {@code position}, which must already be written. */
  public BoxWriter putU32At(int position, long value) {
    if (position < 0 || position + 4 > size) {
      throw new IndexOutOfBoundsException("position " + position + " of " + size);
    }
    for (int i = 0; i < 4; i++) {
      buffer[position + i] = (byte) (value >>> (24 - 8 * i));
    }
    return this;
  }

  /** The number of bytes written so far. */
  public int position() {
    return size;
  }

  /** A copy of the bytes written; every box must be closed. */
  public byte[] toByteArray() {
    if (!openBoxes.isEmpty()) {
      throw new IllegalStateException(openBoxes.size() + " boxes still open");
    }
    return Arrays.copyOf(buffer, size);
  }

  private void ensure(int more) {
    if (more < 0 || size + (long) more > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("cannot write " + more + " more bytes");
    }
    if (size + more > buffer.length) {
      long grown = Math.max((long) buffer.length * 2, (long) size + more);
      buffer = Arrays.copyOf(buffer, (int) Math.min(grown, Integer.MAX_VALUE - 8));
    }
  }
}
