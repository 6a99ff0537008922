package io.hearth.adapters.rtsp.codec;

import java.util.Arrays;

/**
 * A binary frame interleaved on the RTSP connection ({@code $}, channel, 16-bit length, payload;
 * RFC 2326 §10.12). Even channels usually carry RTP and odd ones RTCP, as negotiated in SETUP.
 */
public final class InterleavedFrame implements RtspInbound {
  /** The largest payload the 16-bit length field can announce. */
  public static final int MAX_PAYLOAD_BYTES = 0xFFFF;

  private final int channel;
  private final byte[] payload;

  /** Takes ownership of {@code payload}. */
  public InterleavedFrame(int channel, byte[] payload) {
    if (channel < 0 || channel > 255 || payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("channel 0..255 and payload up to 65535 bytes expected");
    }
    this.channel = channel;
    this.payload = payload;
  }

  public int channel() {
    return channel;
  }

  /** The payload; owned by this frame, do not modify. */
  public byte[] payload() {
    return payload;
  }

  /** The frame as it travels on the wire. */
  public byte[] encode() {
    byte[] out = new byte[4 + payload.length];
    out[0] = '$';
    out[1] = (byte) channel;
    out[2] = (byte) (payload.length >>> 8);
    out[3] = (byte) payload.length;
    System.arraycopy(payload, 0, out, 4, payload.length);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InterleavedFrame f
        && f.channel == channel
        && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * channel + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "InterleavedFrame[channel=" + channel + ", " + payload.length + " bytes]";
  }
}
