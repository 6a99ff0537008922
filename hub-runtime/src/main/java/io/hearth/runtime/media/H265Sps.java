package io.hearth.runtime.media;

import java.util.Locale;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2) that a remuxer needs: the
 * general profile, tier and level (for hvcC and the codec string), sub-layers, chroma format, bit
 * depths and the displayed size after the conformance window. Parsing stops after the bit depths.
 */
record H265Sps(
    int profileSpace,
    boolean highTier,
    int profileIdc,
    int compatibilityFlags,
    long constraintFlags,
    int levelIdc,
    int maxSubLayers,
    boolean temporalIdNesting,
    int chromaFormatIdc,
    int bitDepthLuma,
    int bitDepthChroma,
    int width,
    int height) {

  /** Longest SPS NAL unit accepted, far above what encoders produce. */
  public static final int MAX_NAL_BYTES = 4096;

  /** Largest width or height accepted, in luma samples (the level 6.2 limit). */
  public static final int MAX_DIMENSION = 16888;

  /** Parses an SPS NAL unit (2-byte header included, no start code). */
  public static H265Sps parse(byte[] nal) {
    if (nal.length < 6 || nal.length > MAX_NAL_BYTES) {
      throw new MediaFormatException("H.265 SPS of " + nal.length + " bytes is implausible");
    }
    if (NalUnits.type(Codec.H265, nal) != NalUnits.H265_SPS) {
      throw new MediaFormatException(
          "not an H.265 SPS: NAL unit type " + NalUnits.type(Codec.H265, nal));
    }
    return parseRbsp(new BitReader(NalUnits.unescape(nal, 2)));
  }

  /**
   * The codec string for MSE, ISO/IEC 14496-15 annex E: {@code hvc1.} profile space and profile,
   * bit-reversed compatibility flags in hex, tier and level, then the constraint bytes in hex with
   * trailing zero bytes left out; for example {@code hvc1.1.6.L93.B0}.
   */
  public String codecString() {
    StringBuilder s = new StringBuilder("hvc1.");
    if (profileSpace > 0) {
      s.append((char) ('A' + profileSpace - 1));
    }
    s.append(profileIdc).append('.');
    s.append(Integer.toHexString(Integer.reverse(compatibilityFlags)).toUpperCase(Locale.ROOT));
    s.append('.').append(highTier ? 'H' : 'L').append(levelIdc);
    int lastNonZero = 5;
    while (lastNonZero >= 0 && constraintByte(lastNonZero) == 0) {
      lastNonZero--;
    }
    for (int i = 0; i <= lastNonZero; i++) {
      s.append('.').append(Integer.toHexString(constraintByte(i)).toUpperCase(Locale.ROOT));
    }
    return s.toString();
  }

  /** Byte {@code index} (0 to 5) of the 48 general constraint indicator flags. */
  int constraintByte(int index) {
    return (int) (constraintFlags >>> (8 * (5 - index))) & 0xff;
  }

  private static H265Sps parseRbsp(BitReader in) {
    in.skip(4); // sps_video_parameter_set_id
    int maxSubLayers = in.bitsInt(3) + 1;
    if (maxSubLayers > 7) {
      throw new MediaFormatException("sps_max_sub_layers_minus1 is 7, the maximum is 6");
    }
    boolean nesting = in.flag();
    int space = in.bitsInt(2);
    boolean tier = in.flag();
    int profile = in.bitsInt(5);
    int compat = (int) in.bits(32);
    long constraints = (in.bits(16) << 32) | in.bits(32);
    int level = in.bitsInt(8);
    skipSubLayers(in, maxSubLayers - 1);
    in.ue("sps_seq_parameter_set_id", 15);
    int[] f = readFormat(in);
    return new H265Sps(
        space,
        tier,
        profile,
        compat,
        constraints,
        level,
        maxSubLayers,
        nesting,
        f[0],
        f[1],
        f[2],
        f[3],
        f[4]);
  }

  /** Reads chroma format, size, conformance window and bit depths: {chroma, luma, chroma, w, h}. */
  private static int[] readFormat(BitReader in) {
    int chroma = in.ue("chroma_format_idc", 3);
    boolean separatePlanes = chroma == 3 && in.flag();
    int codedWidth = positive("pic_width_in_luma_samples", in.ue("pic_width", MAX_DIMENSION));
    int codedHeight = positive("pic_height_in_luma_samples", in.ue("pic_height", MAX_DIMENSION));
    int[] window = readConformanceWindow(in);
    int chromaArrayType = separatePlanes ? 0 : chroma;
    int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
    int subHeight = chromaArrayType == 1 ? 2 : 1;
    int width = cropped("width", codedWidth, subWidth, window[0], window[1]);
    int height = cropped("height", codedHeight, subHeight, window[2], window[3]);
    int depthLuma = in.ue("bit_depth_luma_minus8", 8) + 8;
    int depthChroma = in.ue("bit_depth_chroma_minus8", 8) + 8;
    return new int[] {chroma, depthLuma, depthChroma, width, height};
  }

  /** Skips the sub-layer part of profile_tier_level (H.265 7.3.3). */
  private static void skipSubLayers(BitReader in, int count) {
    boolean[] profilePresent = new boolean[count];
    boolean[] levelPresent = new boolean[count];
    for (int i = 0; i < count; i++) {
      profilePresent[i] = in.flag();
      levelPresent[i] = in.flag();
    }
    if (count > 0) {
      in.skip(2L * (8 - count)); // reserved_zero_2bits
    }
    for (int i = 0; i < count; i++) {
      in.skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
    }
  }

  private static int[] readConformanceWindow(BitReader in) {
    int[] window = new int[4];
    if (in.flag()) { // conformance_window_flag
      for (int i = 0; i < 4; i++) {
        window[i] = in.ue("conf_win_offset", MAX_DIMENSION);
      }
    }
    return window;
  }

  private static int positive(String field, int value) {
    if (value == 0) {
      throw new MediaFormatException(field + " is 0");
    }
    return value;
  }

  private static int cropped(String axis, int coded, int unit, int first, int second) {
    long result = coded - (long) unit * (first + second);
    if (result <= 0) {
      throw new MediaFormatException(
          "conformance window removes the whole " + axis + " (" + coded + " coded samples)");
    }
    return (int) result;
  }
}
