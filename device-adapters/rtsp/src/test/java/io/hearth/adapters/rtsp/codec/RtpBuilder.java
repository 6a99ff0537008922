package io.hearth.adapters.rtsp.codec;

import java.io.ByteArrayOutputStream;

/** Builds RTP packets byte by byte for tests, independently of the parser under test. */
final class RtpBuilder {
  private int payloadType = 96;
  private int sequence;
  private long timestamp;
  private int ssrc = 0x11223344;
  private boolean marker;
  private int[] csrcs = new int[0];
  private byte[] extension;
  private int padding;

  RtpBuilder pt(int value) {
    payloadType = value;
    return this;
  }

  RtpBuilder seq(int value) {
    sequence = value;
    return this;
  }

  RtpBuilder ts(long value) {
    timestamp = value;
    return this;
  }

  RtpBuilder ssrc(int value) {
    ssrc = value;
    return this;
  }

  RtpBuilder marker(boolean value) {
    marker = value;
    return this;
  }

  RtpBuilder csrcs(int... values) {
    csrcs = values;
    return this;
  }

  /** A header extension with the given profile; data length must be a multiple of 4. */
  RtpBuilder extension(byte[] data) {
    extension = data;
    return this;
  }

  RtpBuilder padding(int count) {
    padding = count;
    return this;
  }

  byte[] build(byte... payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80 | (padding > 0 ? 0x20 : 0) | (extension != null ? 0x10 : 0) | csrcs.length);
    out.write((marker ? 0x80 : 0) | payloadType);
    writeInt(out, sequence, 2);
    writeInt(out, timestamp, 4);
    writeInt(out, ssrc, 4);
    for (int csrc : csrcs) {
      writeInt(out, csrc, 4);
    }
    if (extension != null) {
      writeInt(out, 0xBEDE, 2);
      writeInt(out, extension.length / 4, 2);
      out.writeBytes(extension);
    }
    out.writeBytes(payload);
    for (int i = 1; i <= padding; i++) {
      out.write(i == padding ? padding : 0);
    }
    return out.toByteArray();
  }

  RtpPacket packet(byte... payload) throws CodecException {
    return RtpPacket.parse(build(payload));
  }

  static void writeInt(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
  }
}
