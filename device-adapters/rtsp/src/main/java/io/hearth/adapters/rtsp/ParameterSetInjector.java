package io.hearth.adapters.rtsp;

import io.hearth.runtime.media.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes every keyframe self-contained: prepends the parameter sets (H.264 SPS and PPS; H.265 VPS,
 * SPS and PPS) a keyframe lacks, from the SDP or the latest seen in-band, so a viewer can start
 * decoding at any keyframe. An access unit delimiter, if present, stays first.
 */
final class ParameterSetInjector {
  private static final int[] H264_SETS = {7, 8};
  private static final int[] H265_SETS = {32, 33, 34};

  private ParameterSetInjector() {}

  /** The NAL type of a unit, for the codec's header layout. */
  static int type(Codec codec, byte[] nal) {
    return codec == Codec.H265 ? (nal[0] >> 1) & 0x3F : nal[0] & 0x1F;
  }

  /**
   * The keyframe's NAL units with missing parameter sets inserted.
   *
   * @param known the latest parameter sets, any order; unknown ones are simply not inserted
   */
  static List<byte[]> complete(Codec codec, List<byte[]> nals, List<byte[]> known) {
    List<byte[]> missing = new ArrayList<>();
    for (int wanted : codec == Codec.H265 ? H265_SETS : H264_SETS) {
      if (!containsType(codec, nals, wanted)) {
        known.stream()
            .filter(set -> type(codec, set) == wanted)
            .findFirst()
            .ifPresent(missing::add);
      }
    }
    if (missing.isEmpty()) {
      return nals;
    }
    int at = !nals.isEmpty() && isDelimiter(codec, nals.get(0)) ? 1 : 0;
    List<byte[]> out = new ArrayList<>(nals.size() + missing.size());
    out.addAll(nals.subList(0, at));
    out.addAll(missing);
    out.addAll(nals.subList(at, nals.size()));
    return out;
  }

  private static boolean containsType(Codec codec, List<byte[]> nals, int wanted) {
    return nals.stream().anyMatch(nal -> type(codec, nal) == wanted);
  }

  private static boolean isDelimiter(Codec codec, byte[] nal) {
    return type(codec, nal) == (codec == Codec.H265 ? 35 : 9);
  }
}
