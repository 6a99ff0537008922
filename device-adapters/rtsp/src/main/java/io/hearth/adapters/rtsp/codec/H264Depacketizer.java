package io.hearth.adapters.rtsp.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds H.264 access units from RTP payloads (RFC 6184, packetization modes 0 and 1): single NAL
 * unit packets, STAP-A aggregates and FU-A fragments. A lost packet drops the fragmented NAL unit
 * it belonged to, and further fragments are ignored until the next start fragment. Remembers the
 * latest SPS and PPS, from the SDP or in band, for the muxer's decoder configuration.
 *
 * <p>A {@link CodecException} reports one bad packet (or an access unit over {@link
 * #MAX_ACCESS_UNIT_BYTES}, which is dropped); the stream can go on with the next packet, and units
 * completed before the error come out of the next call. Not thread-safe.
 */
public final class H264Depacketizer {
  /** The largest access unit kept; a 4K IDR picture is typically under 1 MiB. */
  public static final int MAX_ACCESS_UNIT_BYTES = 4 * 1024 * 1024;

  /** The most NAL units one access unit may hold. */
  public static final int MAX_NAL_UNITS = 1024;

  static final int STAP_A = 24;
  static final int FU_A = 28;

  private final AccessUnitAssembler assembler =
      new AccessUnitAssembler(MAX_ACCESS_UNIT_BYTES, MAX_NAL_UNITS, nal -> type(nal) == 5);
  private byte[] sps;
  private byte[] pps;

  /** A depacketizer seeded with the SDP's SPS/PPS, so they are known before the first IDR. */
  public static H264Depacketizer of(H264Parameters parameters) {
    H264Depacketizer depacketizer = new H264Depacketizer();
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

  public Optional<byte[]> sps() {
    return Optional.ofNullable(sps).map(byte[]::clone);
  }

  public Optional<byte[]> pps() {
    return Optional.ofNullable(pps).map(byte[]::clone);
  }

  public DepacketizerStats stats() {
    return assembler.stats();
  }

  private void depacketize(byte[] payload) throws CodecException {
    if (payload.length == 0) {
      throw new CodecException("H.264 RTP payload is empty; expected a NAL unit header");
    }
    int type = type(payload);
    if (type >= 1 && type <= 23) {
      addNal(payload);
    } else if (type == STAP_A) {
      unpackStapA(payload);
    } else if (type == FU_A) {
      unpackFuA(payload);
    } else if (type == 25 || type == 26 || type == 27 || type == 29) {
      throw new CodecException(
          "H.264 packet type "
              + type
              + " (STAP-B, MTAP or FU-B) needs interleaved mode 2,"
              + " which is not supported; expected modes 0 or 1");
    } else {
      throw new CodecException(
          "H.264 NAL unit type " + type + " is reserved; expected 1..24 or 28");
    }
  }

  private void unpackStapA(byte[] payload) throws CodecException {
    int pos = 1;
    while (pos < payload.length) {
      if (payload.length - pos < 2) {
        throw new CodecException("STAP-A: truncated NAL unit size at offset " + pos);
      }
      int size = RtpPacketParser.u16(payload, pos);
      if (size == 0 || size > payload.length - pos - 2) {
        throw new CodecException(
            "STAP-A: NAL unit size "
                + size
                + " at offset "
                + pos
                + " is 0 or runs past the "
                + payload.length
                + "-byte payload");
      }
      addNal(Arrays.copyOfRange(payload, pos + 2, pos + 2 + size));
      pos += 2 + size;
    }
  }

  private void unpackFuA(byte[] payload) throws CodecException {
    if (payload.length < 2) {
      throw new CodecException("FU-A: expected an indicator and a header byte, got 1 byte");
    }
    boolean start = (payload[1] & 0x80) != 0;
    boolean end = (payload[1] & 0x40) != 0;
    if (start && end) {
      throw new CodecException(
          "FU-A: start and end bits both set; a whole NAL unit is not a fragment");
    }
    if (start) {
      byte header = (byte) ((payload[0] & 0xE0) | (payload[1] & 0x1F));
      assembler.startFragment(new byte[] {header}, payload, 2);
    } else if (!assembler.continueFragment(payload, 2)) {
      return;
    }
    if (end) {
      byte[] nal = assembler.endFragmentNal();
      remember(nal);
    }
  }

  private void addNal(byte[] nal) throws CodecException {
    assembler.addNal(nal);
    remember(nal);
  }

  private void remember(byte[] nal) {
    if (type(nal) == 7) {
      sps = nal.clone();
    } else if (type(nal) == 8) {
      pps = nal.clone();
    }
  }

  private static int type(byte[] nal) {
    return nal[0] & 0x1F;
  }
}
