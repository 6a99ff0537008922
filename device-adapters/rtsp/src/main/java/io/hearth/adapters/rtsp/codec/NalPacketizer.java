package io.hearth.adapters.rtsp.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The inverse of {@link H264Depacketizer} and {@link H265Depacketizer}: one access unit's NAL units
 * (without start codes) into RTP packets, a NAL unit that fits in one packet as it is (single NAL
 * unit packet), a larger one split into fragmentation units (H.264 FU-A, RFC 6184 §5.8; H.265 FU,
 * RFC 7798 §4.4.3); the marker bit on the access unit's last packet. Sequence numbers run on across
 * calls. Not thread-safe; one per outgoing stream.
 */
public final class NalPacketizer {
  /** Payload bytes per packet: fits a 1500-byte Ethernet MTU with IP, UDP and RTP headers. */
  public static final int DEFAULT_MAX_PAYLOAD = 1400;

  private static final int H264_FU_A = 28;
  private static final int H265_FU = 49;

  private final boolean h265;
  private final int payloadType;
  private final int ssrc;
  private final int maxPayload;
  private int sequence;

  public NalPacketizer(boolean h265, int payloadType, int ssrc, int maxPayload, int firstSequence) {
    if (payloadType < 0 || payloadType > 127 || maxPayload < 16) {
      throw new IllegalArgumentException("payload type 0..127 and a payload of 16 bytes or more");
    }
    this.h265 = h265;
    this.payloadType = payloadType;
    this.ssrc = ssrc;
    this.maxPayload = maxPayload;
    this.sequence = firstSequence & 0xFFFF;
  }

  /** The packets of one access unit at {@code timestamp} (90 kHz; the low 32 bits are sent). */
  public List<byte[]> packetize(List<byte[]> nalUnits, long timestamp) {
    List<byte[]> packets = new ArrayList<>();
    for (int i = 0; i < nalUnits.size(); i++) {
      byte[] nal = nalUnits.get(i);
      boolean last = i == nalUnits.size() - 1;
      if (nal.length <= maxPayload) {
        packets.add(packet(last, timestamp, nal, new byte[0], 0));
      } else if (nal.length > header()) {
        fragments(nal, last, timestamp, packets);
      }
    }
    return packets;
  }

  private void fragments(byte[] nal, boolean lastNal, long timestamp, List<byte[]> out) {
    int chunk = maxPayload - header() - 1;
    for (int at = header(); at < nal.length; at += chunk) {
      int length = Math.min(chunk, nal.length - at);
      boolean start = at == header();
      boolean end = at + length == nal.length;
      byte[] prefix = fuPrefix(nal, start, end);
      out.add(packet(lastNal && end, timestamp, slice(nal, at, length), prefix, prefix.length));
    }
  }

  /** The NAL header's length: what a fragmentation unit replaces with its own. */
  private int header() {
    return h265 ? 2 : 1;
  }

  private byte[] fuPrefix(byte[] nal, boolean start, boolean end) {
    int flags = (start ? 0x80 : 0) | (end ? 0x40 : 0);
    if (h265) {
      int type = (nal[0] >> 1) & 0x3F;
      return new byte[] {(byte) ((nal[0] & 0x81) | (H265_FU << 1)), nal[1], (byte) (flags | type)};
    }
    return new byte[] {(byte) ((nal[0] & 0xE0) | H264_FU_A), (byte) (flags | (nal[0] & 0x1F))};
  }

  private byte[] packet(boolean marker, long timestamp, byte[] body, byte[] prefix, int n) {
    byte[] out = new byte[RtpPacket.FIXED_HEADER_BYTES + n + body.length];
    out[0] = (byte) 0x80;
    out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    out[2] = (byte) (sequence >> 8);
    out[3] = (byte) sequence;
    sequence = (sequence + 1) & 0xFFFF;
    putInt(out, 4, (int) timestamp);
    putInt(out, 8, ssrc);
    System.arraycopy(prefix, 0, out, RtpPacket.FIXED_HEADER_BYTES, n);
    System.arraycopy(body, 0, out, RtpPacket.FIXED_HEADER_BYTES + n, body.length);
    return out;
  }

  private static byte[] slice(byte[] data, int from, int length) {
    byte[] part = new byte[length];
    System.arraycopy(data, from, part, 0, length);
    return part;
  }

  private static void putInt(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 24);
    out[at + 1] = (byte) (value >>> 16);
    out[at + 2] = (byte) (value >>> 8);
    out[at + 3] = (byte) value;
  }
}
