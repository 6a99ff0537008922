package io.hearth.adapters.rtsp.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds H.265 access units from RTP payloads (RFC 7798): single NAL unit packets, aggregation
 * packets (type 48) and fragmentation units (type 49), with the 2-byte NAL header and the optional
 * DONL/DOND fields when the SDP announced {@code sprop-max-don-diff > 0}. Keyframes are IRAP
 * pictures (NAL types 16..21). Remembers the latest VPS, SPS and PPS. Loss, limits and errors
 * behave as in {@link H264Depacketizer}. Not thread-safe.
 */
public final class H265Depacketizer {
  public static final int MAX_ACCESS_UNIT_BYTES = H264Depacketizer.MAX_ACCESS_UNIT_BYTES;
  public static final int MAX_NAL_UNITS = H264Depacketizer.MAX_NAL_UNITS;

  static final int AP = 48;
  static final int FU = 49;
  static final int PACI = 50;

  private final AccessUnitAssembler assembler =
      new AccessUnitAssembler(
          MAX_ACCESS_UNIT_BYTES, MAX_NAL_UNITS, nal -> type(nal) >= 16 && type(nal) <= 21);
  private final boolean donl;
  private final byte[][] parameterSets = new byte[3][];

  /** A depacketizer for streams without DONL fields (the common case). */
  public H265Depacketizer() {
    this(false);
  }

  /** A depacketizer; {@code donlPresent} comes from {@link H265Parameters#donlPresent()}. */
  public H265Depacketizer(boolean donlPresent) {
    this.donl = donlPresent;
  }

  /** A depacketizer configured and seeded from the SDP's fmtp parameters. */
  public static H265Depacketizer of(H265Parameters parameters) {
    H265Depacketizer depacketizer = new H265Depacketizer(parameters.donlPresent());
    parameters.vps().stream().findFirst().ifPresent(depacketizer::remember);
    parameters.sps().stream().findFirst().ifPresent(depacketizer::remember);
    parameters.pps().stream().findFirst().ifPresent(depacketizer::remember);
    return depacketizer;
  }

  /** Consumes one RTP packet and returns the access units it completed (often none). */
  public List<AccessUnit> push(RtpPacket packet) throws CodecException {
    if (assembler.begin(packet)) {
      try {
        depacketize(packet.payload());
      } catch (CodecException e) {
        assembler.dropFragment();
        throw e;
      }
      assembler.end(packet);
    }
    return assembler.drainReady();
  }

  /** Completes and returns the last access unit at the end of the stream. */
  public List<AccessUnit> flush() {
    assembler.flush();
    return assembler.drainReady();
  }

  public Optional<byte[]> vps() {
    return Optional.ofNullable(parameterSets[0]).map(byte[]::clone);
  }

  public Optional<byte[]> sps() {
    return Optional.ofNullable(parameterSets[1]).map(byte[]::clone);
  }

  public Optional<byte[]> pps() {
    return Optional.ofNullable(parameterSets[2]).map(byte[]::clone);
  }

  public DepacketizerStats stats() {
    return assembler.stats();
  }

  private void depacketize(byte[] payload) throws CodecException {
    if (payload.length < 2) {
      throw new CodecException(
          "H.265 RTP payload of " + payload.length + " bytes; expected a 2-byte NAL unit header");
    }
    int type = type(payload);
    if (type < AP) {
      addNal(donl ? withoutDonl(payload) : payload);
    } else if (type == AP) {
      unpackAggregation(payload);
    } else if (type == FU) {
      unpackFragment(payload);
    } else {
      throw new CodecException(
          "H.265 packet type "
              + type
              + (type == PACI ? " (PACI) is not supported" : " is reserved")
              + "; expected 0..49");
    }
  }

  private static byte[] withoutDonl(byte[] payload) throws CodecException {
    if (payload.length < 5) {
      throw new CodecException("H.265 single NAL unit packet too short for its DONL field");
    }
    byte[] nal = new byte[payload.length - 2];
    nal[0] = payload[0];
    nal[1] = payload[1];
    System.arraycopy(payload, 4, nal, 2, payload.length - 4);
    return nal;
  }

  private void unpackAggregation(byte[] payload) throws CodecException {
    int pos = 2;
    for (boolean first = true; pos < payload.length; first = false) {
      pos += donl ? (first ? 2 : 1) : 0;
      if (payload.length - pos < 2) {
        throw new CodecException("AP: truncated NAL unit size at offset " + pos);
      }
      int size = RtpPacketParser.u16(payload, pos);
      if (size < 2 || size > payload.length - pos - 2) {
        throw new CodecException(
            "AP: NAL unit size "
                + size
                + " at offset "
                + pos
                + " is under 2 or runs past the "
                + payload.length
                + "-byte payload");
      }
      addNal(Arrays.copyOfRange(payload, pos + 2, pos + 2 + size));
      pos += 2 + size;
    }
  }

  private void unpackFragment(byte[] payload) throws CodecException {
    int headerEnd = 3;
    if (payload.length < headerEnd) {
      throw new CodecException("FU: expected a 2-byte payload header and an FU header");
    }
    boolean start = (payload[2] & 0x80) != 0;
    boolean end = (payload[2] & 0x40) != 0;
    int fuType = payload[2] & 0x3F;
    if (start && end) {
      throw new CodecException(
          "FU: start and end bits both set; a whole NAL unit is not a fragment");
    }
    int dataStart = headerEnd + (donl && start ? 2 : 0);
    if (payload.length < dataStart) {
      throw new CodecException("FU: truncated DONL field");
    }
    if (start) {
      byte b0 = (byte) ((payload[0] & 0x81) | (fuType << 1));
      assembler.startFragment(new byte[] {b0, payload[1]}, payload, dataStart);
    } else if (!assembler.continueFragment(payload, dataStart)) {
      return;
    }
    if (end) {
      remember(assembler.endFragmentNal());
    }
  }

  private void addNal(byte[] nal) throws CodecException {
    assembler.addNal(nal);
    remember(nal);
  }

  private void remember(byte[] nal) {
    int type = type(nal);
    if (type >= 32 && type <= 34) {
      parameterSets[type - 32] = nal.clone();
    }
  }

  private static int type(byte[] nal) {
    return (nal[0] >> 1) & 0x3F;
  }
}
