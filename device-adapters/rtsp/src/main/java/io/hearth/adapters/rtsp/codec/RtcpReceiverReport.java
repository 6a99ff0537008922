package io.hearth.adapters.rtsp.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Builds the compound RTCP packet a receiver sends back to a camera: a Receiver Report (RFC 3550
 * §6.4.2) followed by an SDES CNAME (§6.5), as §6.1 requires of every compound packet. Many cameras
 * tear a session down when no receiver reports arrive.
 */
public final class RtcpReceiverReport {
  /** The most report blocks the 5-bit count allows. */
  public static final int MAX_BLOCKS = 31;

  /** The longest CNAME the 8-bit SDES length allows. */
  public static final int MAX_CNAME_BYTES = 255;

  static final int PT_RR = 201;
  static final int PT_SDES = 202;

  /**
   * Reception statistics for one source (RFC 3550 §6.4.1).
   *
   * @param fractionLost lost share since the last report, in 1/256 units, 0..255
   * @param cumulativeLost packets lost since the start; clamped to the signed 24-bit range
   * @param extendedHighestSequence cycles in the upper 16 bits, highest sequence number below
   * @param jitter interarrival jitter in timestamp units
   * @param lastSr middle 32 bits of the last SR's NTP time ({@link RtcpSenderReport#lsr()}), or 0
   * @param delaySinceLastSr in 1/65536 s since that SR arrived ({@link #dlsr(Duration)}), or 0
   */
  public record ReportBlock(
      int sourceSsrc,
      int fractionLost,
      long cumulativeLost,
      long extendedHighestSequence,
      long jitter,
      long lastSr,
      long delaySinceLastSr) {

    public ReportBlock {
      if (fractionLost < 0 || fractionLost > 255) {
        throw new IllegalArgumentException("fractionLost must be 0..255, got " + fractionLost);
      }
      cumulativeLost = Math.max(-0x800000L, Math.min(0x7FFFFFL, cumulativeLost));
    }

    void writeTo(ByteBuffer out) {
      out.putInt(sourceSsrc);
      out.putInt((fractionLost << 24) | (int) (cumulativeLost & 0xFFFFFF));
      out.putInt((int) extendedHighestSequence);
      out.putInt((int) jitter);
      out.putInt((int) lastSr);
      out.putInt((int) delaySinceLastSr);
    }
  }

  private RtcpReceiverReport() {}

  /** The DLSR value for a delay: units of 1/65536 s, saturating at the 32-bit maximum. */
  public static long dlsr(Duration sinceLastSr) {
    if (sinceLastSr.isNegative()) {
      return 0;
    }
    long units =
        sinceLastSr.toNanos() / 1_000_000_000L * 65536L
            + sinceLastSr.toNanosPart() * 65536L / 1_000_000_000L;
    return Math.min(units, 0xFFFFFFFFL);
  }

  /**
   * Encodes RR + SDES CNAME.
   *
   * @param reporterSsrc this receiver's own SSRC
   * @param cname this receiver's canonical name, for example {@code hearth@10.0.0.5}
   */
  public static byte[] encode(int reporterSsrc, List<ReportBlock> blocks, String cname) {
    byte[] name = cname.getBytes(StandardCharsets.UTF_8);
    if (blocks.size() > MAX_BLOCKS || name.length > MAX_CNAME_BYTES) {
      throw new IllegalArgumentException("at most 31 blocks and a 255-byte CNAME");
    }
    int rrBytes = 8 + 24 * blocks.size();
    int sdesBytes = (8 + 2 + name.length + 1 + 3) / 4 * 4; // item, null end, pad to 32 bits
    ByteBuffer out = ByteBuffer.allocate(rrBytes + sdesBytes);
    out.put((byte) (0x80 | blocks.size())).put((byte) PT_RR).putShort((short) (rrBytes / 4 - 1));
    out.putInt(reporterSsrc);
    blocks.forEach(block -> block.writeTo(out));
    out.put((byte) 0x81).put((byte) PT_SDES).putShort((short) (sdesBytes / 4 - 1));
    out.putInt(reporterSsrc).put((byte) 1).put((byte) name.length).put(name);
    return out.array(); // the rest is already zero: the item list end and padding
  }
}
