package io.hearth.runtime.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NAL unit helpers shared by H.264 and H.265: NAL types, removal of emulation-prevention bytes, the
 * 4-byte length-prefixed sample format (AVCC / HVCC) and splitting of Annex-B byte streams.
 */
public final class NalUnits {
  /** H.264 NAL unit types Hearth cares about (ITU-T H.264 table 7-1). */
  public static final int H264_IDR = 5;

  public static final int H264_SPS = 7;
  public static final int H264_PPS = 8;
  public static final int H264_AUD = 9;

  /** H.265 NAL unit types Hearth cares about (ITU-T H.265 table 7-1). */
  public static final int H265_VPS = 32;

  public static final int H265_SPS = 33;
  public static final int H265_PPS = 34;
  public static final int H265_AUD = 35;

  private static final int LENGTH_SIZE = 4;

  private NalUnits() {}

  /** The NAL unit type of {@code nal} under {@code codec}'s header layout. */
  public static int type(Codec codec, byte[] nal) {
    if (nal.length == 0) {
      throw new MediaFormatException("empty NAL unit");
    }
    return typeOf(codec, nal[0]);
  }

  /** The NAL unit type in the first header byte {@code header} under {@code codec}'s layout. */
  public static int typeOf(Codec codec, byte header) {
    return switch (codec) {
      case H264 -> header & 0x1f;
      case H265 -> (header >>> 1) & 0x3f;
      case JPEG -> throw new IllegalArgumentException("JPEG has no NAL units");
    };
  }

  /** Copies {@code nal} from byte {@code from} on, without emulation-prevention bytes. */
  public static byte[] unescape(byte[] nal, int from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
    int zeros = 0;
    for (int i = from; i < nal.length; i++) {
      int b = nal[i] & 0xff;
      if (zeros >= 2 && b == 3) {
        zeros = 0;
        continue;
      }
      out.write(b);
      zeros = b == 0 ? zeros + 1 : 0;
    }
    return out.toByteArray();
  }

  /** Joins NAL units (without start codes) into one 4-byte length-prefixed payload. */
  public static byte[] toLengthPrefixed(List<byte[]> nals) {
    long total = 0;
    for (byte[] nal : nals) {
      if (nal.length == 0) {
        throw new MediaFormatException("empty NAL unit in access unit");
      }
      total += LENGTH_SIZE + (long) nal.length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new MediaFormatException("access unit of " + total + " bytes is too large");
    }
    byte[] out = new byte[(int) total];
    int at = 0;
    for (byte[] nal : nals) {
      writeInt(out, at, nal.length);
      System.arraycopy(nal, 0, out, at + LENGTH_SIZE, nal.length);
      at += LENGTH_SIZE + nal.length;
    }
    return out;
  }

  /** Splits a 4-byte length-prefixed payload into copies of its NAL units; checks every length. */
  public static List<byte[]> fromLengthPrefixed(byte[] payload) {
    List<byte[]> nals = new ArrayList<>();
    int at = 0;
    while (at < payload.length) {
      int length = lengthAt(payload, at);
      nals.add(Arrays.copyOfRange(payload, at + LENGTH_SIZE, at + LENGTH_SIZE + length));
      at += LENGTH_SIZE + length;
    }
    return nals;
  }

  /**
   * Checks that {@code payload} is a well-formed sequence of length-prefixed, non-empty NAL units
   * that ends exactly at the end of the array.
   */
  public static void checkLengthPrefixed(byte[] payload) {
    int at = 0;
    while (at < payload.length) {
      at += LENGTH_SIZE + lengthAt(payload, at);
    }
  }

  /**
   * The length of the NAL unit whose 4-byte prefix starts at {@code at}, checked against bounds.
   */
  static int lengthAt(byte[] payload, int at) {
    if (payload.length - at < LENGTH_SIZE) {
      throw new MediaFormatException(
          "truncated NAL length prefix at byte " + at + " of " + payload.length);
    }
    long length = readInt(payload, at) & 0xffffffffL;
    if (length == 0 || length > payload.length - at - LENGTH_SIZE) {
      throw new MediaFormatException(
          "NAL length "
              + length
              + " at byte "
              + at
              + " does not fit the payload of "
              + payload.length
              + " bytes");
    }
    return (int) length;
  }

  /** Splits an Annex-B byte stream at its start codes (00 00 01 or 00 00 00 01). */
  public static List<byte[]> splitAnnexB(byte[] stream) {
    List<byte[]> nals = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i + 2 < stream.length) {
      if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
        addTrimmed(nals, stream, start, i);
        start = i + 3;
        i += 3;
      } else {
        i++;
      }
    }
    addTrimmed(nals, stream, start, stream.length);
    return nals;
  }

  private static void addTrimmed(List<byte[]> nals, byte[] stream, int start, int end) {
    if (start < 0) {
      return;
    }
    int last = end;
    while (last > start && stream[last - 1] == 0) {
      last--; // trailing zeros belong to the next start code (00 00 00 01) or are padding
    }
    if (last > start) {
      nals.add(Arrays.copyOfRange(stream, start, last));
    }
  }

  static int readInt(byte[] b, int at) {
    return ((b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static void writeInt(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }

  /** Whether two lists of NAL units hold the same bytes, in the same order. */
  public static boolean same(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
