package io.hearth.runtime.media;

/**
 * Reads bits most-significant first from an RBSP (a NAL unit payload whose emulation-prevention
 * bytes are already removed), including the Exp-Golomb codes of H.264 / H.265 (ue(v), se(v)). Every
 * read is bounded: running past the end or meeting an over-long code throws {@link
 * MediaFormatException} instead of returning garbage.
 */
final class BitReader {
  private static final int MAX_LEADING_ZEROS = 31;

  private final byte[] data;
  private final long limitBits;
  private long position;

  /** Reads {@code data} from its first bit; the array is not copied and must not change. */
  public BitReader(byte[] data) {
    this(data, 0);
  }

  /** Reads {@code data} starting at byte {@code offset}. */
  public BitReader(byte[] data, int offset) {
    if (offset < 0 || offset > data.length) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + data.length);
    }
    this.data = data;
    this.limitBits = 8L * data.length;
    this.position = 8L * offset;
  }

  /** Reads {@code count} bits (0 to 32) as an unsigned value. */
  public long bits(int count) {
    if (count < 0 || count > 32) {
      throw new IllegalArgumentException("can read 0 to 32 bits at once, not " + count);
    }
    require(count);
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = (value << 1) | bitAt(position++);
    }
    return value;
  }

  /** Reads {@code count} bits (0 to 31) as a non-negative int. */
  public int bitsInt(int count) {
    if (count > 31) {
      throw new IllegalArgumentException("an int holds at most 31 unsigned bits, not " + count);
    }
    return (int) bits(count);
  }

  /** Reads one bit as a flag. */
  public boolean flag() {
    require(1);
    return bitAt(position++) == 1;
  }

  /** Skips {@code count} bits. */
  public void skip(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("cannot skip backwards: " + count);
    }
    require(count);
    position += count;
  }

  /** Reads an unsigned Exp-Golomb code, ue(v); values up to 2^32 - 2. */
  public long ue() {
    int zeros = 0;
    while (!flag()) {
      zeros++;
      if (zeros > MAX_LEADING_ZEROS) {
        throw new MediaFormatException(
            "Exp-Golomb code with more than "
                + MAX_LEADING_ZEROS
                + " leading zeros at bit "
                + position);
      }
    }
    return (1L << zeros) - 1 + bits(zeros);
  }

  /** Reads ue(v) for the syntax element {@code field} and checks it is at most {@code max}. */
  public int ue(String field, int max) {
    long value = ue();
    if (value > max) {
      throw new MediaFormatException(field + " is " + value + ", more than the maximum " + max);
    }
    return (int) value;
  }

  /** Reads a signed Exp-Golomb code, se(v). */
  public long se() {
    long k = ue();
    return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
  }

  /** The number of bits not yet read. */
  public long bitsLeft() {
    return limitBits - position;
  }

  /** The current position in bits from the start of the array. */
  public long position() {
    return position;
  }

  private void require(long count) {
    if (count > bitsLeft()) {
      throw new MediaFormatException(
          "truncated: needed " + count + " bits at bit " + position + " of " + limitBits);
    }
  }

  private int bitAt(long bit) {
    return (data[(int) (bit >>> 3)] >>> (7 - (int) (bit & 7))) & 1;
  }
}
