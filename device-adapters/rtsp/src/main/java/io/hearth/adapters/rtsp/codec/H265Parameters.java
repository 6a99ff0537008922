package io.hearth.adapters.rtsp.codec;

import java.util.List;
import java.util.Map;

/**
 * H.265 stream parameters from an SDP {@code a=fmtp} line (RFC 7798 §7.1): the VPS, SPS and PPS
 * carried out of band, and whether packets carry a DONL field ({@code sprop-max-don-diff > 0}).
 */
public record H265Parameters(
    List<byte[]> vps, List<byte[]> sps, List<byte[]> pps, boolean donlPresent) {

  /** The largest {@code sprop-max-don-diff} RFC 7798 allows. */
  public static final int MAX_DON_DIFF = 32767;

  public H265Parameters {
    vps = List.copyOf(vps);
    sps = List.copyOf(sps);
    pps = List.copyOf(pps);
  }

  /** Reads the parameters of one media section's fmtp (keys lower-case, as {@link Sdp} gives). */
  public static H265Parameters fromFmtp(Map<String, String> fmtp) throws CodecException {
    List<byte[]> vps = sets(fmtp, "sprop-vps", 32);
    List<byte[]> sps = sets(fmtp, "sprop-sps", 33);
    List<byte[]> pps = sets(fmtp, "sprop-pps", 34);
    String donDiff = fmtp.getOrDefault("sprop-max-don-diff", "0");
    boolean donl = Text.parseBounded(donDiff, MAX_DON_DIFF, "sprop-max-don-diff") > 0;
    return new H265Parameters(vps, sps, pps, donl);
  }

  private static List<byte[]> sets(Map<String, String> fmtp, String key, int nalType)
      throws CodecException {
    List<byte[]> sets = ParameterSets.decode(fmtp.getOrDefault(key, ""), key);
    for (byte[] nal : sets) {
      if (nal.length < 2 || ((nal[0] >> 1) & 0x3F) != nalType) {
        throw new CodecException(
            key + ": expected NAL units of type " + nalType + " with a 2-byte header");
      }
    }
    return sets;
  }
}
