package io.hearth.api.bench;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * RFC 6184 packetisation of H.264 access units (single NAL unit packets, FU-A above the payload
 * limit), each RTP packet framed for RTSP interleaving (RFC 2326 §10.12) on channel 0. The marker
 * bit is set on the last packet of each access unit.
 */
final class RtpPacketizer {
  static final int MAX_PAYLOAD = 1400;
  private static final int PAYLOAD_TYPE = 96;
  private static final int FU_A = 28;

  private final int ssrc;
  private int sequence;

  RtpPacketizer(int ssrc, int firstSequence) {
    this.ssrc = ssrc;
    this.sequence = firstSequence & 0xffff;
  }

  /** All interleaved frames of one access unit, ready for a single write. */
  byte[] packetize(List<byte[]> nals, long timestamp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    for (int n = 0; n < nals.size(); n++) {
      byte[] nal = nals.get(n);
      boolean lastNal = n == nals.size() - 1;
      if (nal.length <= MAX_PAYLOAD) {
        packet(out, timestamp, lastNal, new byte[0], nal, 0, nal.length);
      } else {
        fragment(out, nal, timestamp, lastNal);
      }
    }
    return out.toByteArray();
  }

  private void fragment(ByteArrayOutputStream out, byte[] nal, long timestamp, boolean lastNal) {
    byte indicator = (byte) ((nal[0] & 0x60) | FU_A);
    int type = nal[0] & 0x1f;
    for (int at = 1; at < nal.length; at += MAX_PAYLOAD - 2) {
      int length = Math.min(MAX_PAYLOAD - 2, nal.length - at);
      boolean start = at == 1;
      boolean end = at + length == nal.length;
      byte header = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
      packet(out, timestamp, lastNal && end, new byte[] {indicator, header}, nal, at, length);
    }
  }

  private void packet(
      ByteArrayOutputStream out,
      long timestamp,
      boolean marker,
      byte[] prefix,
      byte[] data,
      int from,
      int length) {
    int size = 12 + prefix.length + length;
    out.write('$');
    out.write(0);
    out.write(size >>> 8);
    out.write(size);
    out.write(0x80);
    out.write((marker ? 0x80 : 0) | PAYLOAD_TYPE);
    out.write(sequence >>> 8);
    out.write(sequence);
    writeInt(out, (int) timestamp);
    writeInt(out, ssrc);
    out.write(prefix, 0, prefix.length);
    out.write(data, from, length);
    sequence = (sequence + 1) & 0xffff;
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}
