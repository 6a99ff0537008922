package io.hearth.adapters.rtsp.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * The sender-info part of an RTCP Sender Report (RFC 3550 §6.4.1), found in a compound RTCP packet
 * from the camera. A receiver needs it for the LSR/DLSR fields of its reports and to map RTP
 * timestamps to wall-clock time.
 *
 * @param ntpTimestamp 64-bit NTP time the report was sent
 * @param rtpTimestamp the same instant on the RTP clock, unsigned 32-bit
 */
public record RtcpSenderReport(
    int ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
  /** The most packets walked in one compound packet. */
  public static final int MAX_PACKETS_PER_COMPOUND = 16;

  static final int PT_SR = 200;

  /** The middle 32 bits of the NTP timestamp, echoed as LSR in receiver reports. */
  public long lsr() {
    return (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
  }

  /** The first SR in a compound RTCP packet, or empty if it holds none (for example RR, BYE). */
  public static Optional<RtcpSenderReport> find(byte[] data, int offset, int length)
      throws CodecException {
    Objects.checkFromIndexSize(offset, length, data.length);
    int pos = offset;
    int end = offset + length;
    for (int n = 0; pos < end; n++) {
      if (n == MAX_PACKETS_PER_COMPOUND) {
        throw new CodecException("RTCP compound packet holds more than 16 packets");
      }
      int packetBytes = packetLength(data, pos, end);
      if ((data[pos + 1] & 0xFF) == PT_SR) {
        return Optional.of(parseSenderInfo(data, pos, packetBytes));
      }
      pos += packetBytes;
    }
    return Optional.empty();
  }

  public static Optional<RtcpSenderReport> find(byte[] data) throws CodecException {
    return find(data, 0, data.length);
  }

  private static int packetLength(byte[] data, int pos, int end) throws CodecException {
    if (end - pos < 4) {
      throw new CodecException(
          "RTCP packet header needs 4 bytes but only " + (end - pos) + " remain");
    }
    if ((data[pos] & 0xC0) != 0x80) {
      throw new CodecException(
          "RTCP version " + ((data[pos] & 0xFF) >>> 6) + " where 2 was expected");
    }
    int bytes = (RtpPacketParser.u16(data, pos + 2) + 1) * 4;
    if (bytes > end - pos) {
      throw new CodecException(
          "RTCP length field says " + bytes + " bytes but only " + (end - pos) + " remain");
    }
    return bytes;
  }

  private static RtcpSenderReport parseSenderInfo(byte[] data, int pos, int bytes)
      throws CodecException {
    if (bytes < 28) {
      throw new CodecException("RTCP sender report of " + bytes + " bytes is shorter than 28");
    }
    long ntp =
        ((long) RtpPacketParser.u32(data, pos + 8) << 32)
            | (RtpPacketParser.u32(data, pos + 12) & 0xFFFFFFFFL);
    return new RtcpSenderReport(
        RtpPacketParser.u32(data, pos + 4),
        ntp,
        RtpPacketParser.u32(data, pos + 16) & 0xFFFFFFFFL,
        RtpPacketParser.u32(data, pos + 20) & 0xFFFFFFFFL,
        RtpPacketParser.u32(data, pos + 24) & 0xFFFFFFFFL);
  }
}
