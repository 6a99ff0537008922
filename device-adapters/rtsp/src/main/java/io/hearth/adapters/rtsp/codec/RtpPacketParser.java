package io.hearth.adapters.rtsp.codec;

import java.util.Arrays;
import java.util.Objects;

/** The bounds-checked reading behind {@link RtpPacket#parse}. */
final class RtpPacketParser {
  private RtpPacketParser() {}

  static RtpPacket parse(byte[] data, int offset, int length) throws CodecException {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (length > RtpPacket.MAX_PACKET_BYTES) {
      throw new CodecException("RTP packet of " + length + " bytes exceeds 65535");
    }
    if (length < RtpPacket.FIXED_HEADER_BYTES) {
      throw new CodecException(
          "RTP packet of " + length + " bytes is shorter than its 12-byte header");
    }
    int b0 = data[offset] & 0xFF;
    if (b0 >>> 6 != 2) {
      throw new CodecException("RTP version " + (b0 >>> 6) + " where version 2 was expected");
    }
    int end = offset + length;
    int pos = offset + RtpPacket.FIXED_HEADER_BYTES;
    int[] csrcs = readCsrcs(data, pos, end, b0 & 0x0F);
    pos += 4 * csrcs.length;
    int profile = -1;
    byte[] extension = null;
    if ((b0 & 0x10) != 0) {
      need(pos, end, 4, "header extension header");
      profile = u16(data, pos);
      int words = u16(data, pos + 2);
      need(pos + 4, end, 4 * words, "header extension of " + words + " words");
      extension = Arrays.copyOfRange(data, pos + 4, pos + 4 + 4 * words);
      pos += 4 + 4 * words;
    }
    int payloadEnd = (b0 & 0x20) != 0 ? stripPadding(data, pos, end) : end;
    return new RtpPacket(
        header(data, offset), csrcs, profile, extension, Arrays.copyOfRange(data, pos, payloadEnd));
  }

  private static RtpPacket.Header header(byte[] data, int offset) {
    return new RtpPacket.Header(
        (data[offset + 1] & 0x80) != 0,
        data[offset + 1] & 0x7F,
        u16(data, offset + 2),
        u32(data, offset + 4) & 0xFFFFFFFFL,
        u32(data, offset + 8));
  }

  private static int[] readCsrcs(byte[] data, int pos, int end, int count) throws CodecException {
    need(pos, end, 4 * count, count + " CSRC identifiers");
    int[] csrcs = new int[count];
    for (int i = 0; i < count; i++) {
      csrcs[i] = u32(data, pos + 4 * i);
    }
    return csrcs;
  }

  private static int stripPadding(byte[] data, int payloadStart, int end) throws CodecException {
    int padding = data[end - 1] & 0xFF;
    if (padding == 0 || padding > end - payloadStart) {
      throw new CodecException(
          "RTP padding count "
              + padding
              + " is 0 or exceeds the "
              + (end - payloadStart)
              + " bytes after the header");
    }
    return end - padding;
  }

  private static void need(int pos, int end, int bytes, String what) throws CodecException {
    if (bytes > end - pos) {
      throw new CodecException(
          "RTP " + what + " needs " + bytes + " bytes but only " + (end - pos) + " remain");
    }
  }

  static int u16(byte[] data, int pos) {
    return ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
  }

  static int u32(byte[] data, int pos) {
    return (u16(data, pos) << 16) | u16(data, pos + 2);
  }
}
