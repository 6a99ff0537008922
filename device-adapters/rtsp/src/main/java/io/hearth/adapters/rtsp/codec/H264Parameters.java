package io.hearth.adapters.rtsp.codec;

import java.util.List;
import java.util.Map;

/**
 * H.264 stream parameters from an SDP {@code a=fmtp} line (RFC 6184 §8.1): the SPS and PPS carried
 * out of band, and the packetization mode. Cameras that send SPS/PPS only here would otherwise give
 * a stream no decoder can start.
 *
 * @param sps sequence parameter sets (NAL type 7), without start codes
 * @param pps picture parameter sets (NAL type 8), without start codes
 * @param packetizationMode 0 single NAL, 1 non-interleaved (STAP-A, FU-A), 2 interleaved
 * @param profileLevelId the hex {@code profile-level-id}, empty if absent
 */
public record H264Parameters(
    List<byte[]> sps, List<byte[]> pps, int packetizationMode, String profileLevelId) {

  public H264Parameters {
    sps = List.copyOf(sps);
    pps = List.copyOf(pps);
  }

  /** Reads the parameters of one media section's fmtp (keys lower-case, as {@link Sdp} gives). */
  public static H264Parameters fromFmtp(Map<String, String> fmtp) throws CodecException {
    List<byte[]> sets =
        ParameterSets.decode(fmtp.getOrDefault("sprop-parameter-sets", ""), "sprop-parameter-sets");
    List<byte[]> sps = sets.stream().filter(nal -> (nal[0] & 0x1F) == 7).toList();
    List<byte[]> pps = sets.stream().filter(nal -> (nal[0] & 0x1F) == 8).toList();
    if (sps.size() + pps.size() != sets.size()) {
      throw new CodecException("sprop-parameter-sets: expected only SPS (7) and PPS (8) NAL units");
    }
    String mode = fmtp.getOrDefault("packetization-mode", "0");
    int packetizationMode = Text.parseBounded(mode, 2, "packetization-mode");
    String profile = fmtp.getOrDefault("profile-level-id", "");
    if (!profile.isEmpty() && !profile.matches("[0-9A-Fa-f]{6}")) {
      throw new CodecException(
          "profile-level-id: expected 6 hex digits, got '" + Text.shorten(profile) + "'");
    }
    return new H264Parameters(sps, pps, packetizationMode, profile);
  }
}
