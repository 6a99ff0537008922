package io.hearth.adapters.rtsp.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * One coded picture (H.264/H.265 access unit) rebuilt from RTP: every NAL unit that shared an RTP
 * timestamp, in order, each without start code or length prefix. Kept as separate NAL units so the
 * muxer can pick either framing: {@link #toLengthPrefixed()} for fMP4 samples (avcC/hvcC with
 * 4-byte lengths), {@link #toAnnexB()} for raw elementary streams.
 *
 * @param rtpTimestamp the unsigned 32-bit RTP timestamp of the picture
 * @param keyframe true if the unit holds an IDR (H.264) or IRAP (H.265) picture
 * @param nalUnits the NAL units, header byte(s) included; do not modify the arrays
 */
public record AccessUnit(long rtpTimestamp, boolean keyframe, List<byte[]> nalUnits) {
  private static final byte[] START_CODE = {0, 0, 0, 1};

  public AccessUnit {
    nalUnits = List.copyOf(nalUnits);
  }

  /** The total NAL unit bytes, without any framing. */
  public int size() {
    return nalUnits.stream().mapToInt(nal -> nal.length).sum();
  }

  /** Each NAL unit preceded by the 4-byte start code {@code 00 00 00 01}. */
  public byte[] toAnnexB() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size() + 4 * nalUnits.size());
    for (byte[] nal : nalUnits) {
      out.writeBytes(START_CODE);
      out.writeBytes(nal);
    }
    return out.toByteArray();
  }

  /** Each NAL unit preceded by its length as a 4-byte big-endian integer (ISO/IEC 14496-15). */
  public byte[] toLengthPrefixed() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size() + 4 * nalUnits.size());
    for (byte[] nal : nalUnits) {
      int n = nal.length;
      out.write(n >>> 24);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
      out.writeBytes(nal);
    }
    return out.toByteArray();
  }
}
