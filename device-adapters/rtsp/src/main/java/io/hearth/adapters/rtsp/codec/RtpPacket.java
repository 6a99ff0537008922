package io.hearth.adapters.rtsp.codec;

import java.util.Arrays;

/**
 * One RTP packet (RFC 3550 §5.1) parsed from a datagram or an interleaved frame: header fields,
 * CSRC list, header extension, and the payload with padding removed.
 */
public final class RtpPacket {
  /** The largest packet accepted: what a 16-bit interleaved length or a datagram can carry. */
  public static final int MAX_PACKET_BYTES = 0xFFFF;

  static final int FIXED_HEADER_BYTES = 12;

  private final boolean marker;
  private final int payloadType;
  private final int sequenceNumber;
  private final long timestamp;
  private final int ssrc;
  private final int[] csrcs;
  private final int extensionProfile;
  private final byte[] extension;
  private final byte[] payload;

  /** The fixed header fields that carry meaning beyond the packet's framing. */
  record Header(boolean marker, int payloadType, int sequenceNumber, long timestamp, int ssrc) {}

  RtpPacket(Header header, int[] csrcs, int extensionProfile, byte[] extension, byte[] payload) {
    this.marker = header.marker();
    this.payloadType = header.payloadType();
    this.sequenceNumber = header.sequenceNumber();
    this.timestamp = header.timestamp();
    this.ssrc = header.ssrc();
    this.csrcs = csrcs;
    this.extensionProfile = extensionProfile;
    this.extension = extension;
    this.payload = payload;
  }

  /** Parses a whole packet; see {@link #parse(byte[], int, int)}. */
  public static RtpPacket parse(byte[] data) throws CodecException {
    return RtpPacketParser.parse(data, 0, data.length);
  }

  /**
   * Parses {@code length} bytes at {@code offset} as one RTP packet.
   *
   * @throws CodecException if the version is not 2, or a CSRC list, extension or padding runs past
   *     the end
   */
  public static RtpPacket parse(byte[] data, int offset, int length) throws CodecException {
    return RtpPacketParser.parse(data, offset, length);
  }

  public boolean marker() {
    return marker;
  }

  public int payloadType() {
    return payloadType;
  }

  /** 0..65535. */
  public int sequenceNumber() {
    return sequenceNumber;
  }

  /** The RTP timestamp, unsigned 32-bit. */
  public long timestamp() {
    return timestamp;
  }

  public int ssrc() {
    return ssrc;
  }

  public int[] csrcs() {
    return csrcs.clone();
  }

  /** True if the packet had a header extension (RFC 3550 §5.3.1). */
  public boolean hasExtension() {
    return extension != null;
  }

  /** The extension's 16-bit profile field, or -1 without an extension. */
  public int extensionProfile() {
    return extensionProfile;
  }

  /** The extension data (without its 4-byte header), empty without an extension. */
  public byte[] extension() {
    return extension == null ? new byte[0] : extension.clone();
  }

  /** The payload with any padding removed; owned by this packet, do not modify. */
  public byte[] payload() {
    return payload;
  }

  @Override
  public String toString() {
    return String.format(
        "RtpPacket[pt=%d seq=%d ts=%d ssrc=%08x marker=%b csrcs=%s payload=%d bytes]",
        payloadType,
        sequenceNumber,
        timestamp,
        ssrc,
        marker,
        Arrays.toString(csrcs),
        payload.length);
  }
}
