package io.hearth.runtime.media;

import java.util.Locale;
import java.util.Set;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) that a remuxer needs:
 * profile, constraint flags, level, chroma format, bit depths and the displayed size after
 * cropping. Parsing stops after the cropping window; the VUI is not read.
 */
public record H264Sps(
    int profileIdc,
    int constraintFlags,
    int levelIdc,
    int chromaFormatIdc,
    int bitDepthLuma,
    int bitDepthChroma,
    int width,
    int height) {

  /** Longest SPS NAL unit accepted, far above what encoders produce. */
  public static final int MAX_NAL_BYTES = 4096;

  /** Largest width or height accepted, in pixels. */
  public static final int MAX_DIMENSION = 16384;

  private static final Set<Integer> HIGH_PROFILES =
      Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);

  /** Parses an SPS NAL unit (header byte included, no start code). */
  public static H264Sps parse(byte[] nal) {
    if (nal.length < 4 || nal.length > MAX_NAL_BYTES) {
      throw new MediaFormatException("H.264 SPS of " + nal.length + " bytes is implausible");
    }
    if (NalUnits.type(Codec.H264, nal) != NalUnits.H264_SPS) {
      throw new MediaFormatException(
          "not an H.264 SPS: NAL unit type " + NalUnits.type(Codec.H264, nal));
    }
    return new Parser(new BitReader(NalUnits.unescape(nal, 1))).parse();
  }

  /** The RFC 6381 codec string for MSE, {@code avc1.PPCCLL}. */
  public String codecString() {
    return String.format(Locale.ROOT, "avc1.%02X%02X%02X", profileIdc, constraintFlags, levelIdc);
  }

  /** Whether the avcC record carries the chroma / bit-depth extension for this profile. */
  boolean hasHighProfileFields() {
    return HIGH_PROFILES.contains(profileIdc);
  }

  private static final class Parser {
    private final BitReader in;
    private int chromaFormatIdc = 1;
    private boolean separateColourPlane;
    private int bitDepthLuma = 8;
    private int bitDepthChroma = 8;

    Parser(BitReader in) {
      this.in = in;
    }

    H264Sps parse() {
      int profile = in.bitsInt(8);
      int constraints = in.bitsInt(8);
      int level = in.bitsInt(8);
      in.ue("seq_parameter_set_id", 31);
      if (HIGH_PROFILES.contains(profile)) {
        readChromaAndScaling();
      }
      in.ue("log2_max_frame_num_minus4", 12);
      readPicOrderCount();
      in.ue("max_num_ref_frames", 16);
      in.flag(); // gaps_in_frame_num_value_allowed_flag
      int[] size = readFrameSize();
      return new H264Sps(
          profile,
          constraints,
          level,
          chromaFormatIdc,
          bitDepthLuma,
          bitDepthChroma,
          size[0],
          size[1]);
    }

    /** Reads the coded size and the cropping window (7.4.2.1.1) into the displayed size. */
    private int[] readFrameSize() {
      int widthMbs = in.ue("pic_width_in_mbs_minus1", MAX_DIMENSION / 16 - 1) + 1;
      int heightMapUnits = in.ue("pic_height_in_map_units_minus1", MAX_DIMENSION / 16 - 1) + 1;
      boolean frameMbsOnly = in.flag();
      if (!frameMbsOnly) {
        in.flag(); // mb_adaptive_frame_field_flag
      }
      in.flag(); // direct_8x8_inference_flag
      int fields = frameMbsOnly ? 1 : 2;
      int[] crop = readCropping();
      int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
      int cropUnitX = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
      int cropUnitY = (chromaArrayType == 1 ? 2 : 1) * fields;
      return new int[] {
        cropped("width", widthMbs * 16, cropUnitX, crop[0], crop[1]),
        cropped("height", heightMapUnits * 16 * fields, cropUnitY, crop[2], crop[3])
      };
    }

    private void readChromaAndScaling() {
      chromaFormatIdc = in.ue("chroma_format_idc", 3);
      if (chromaFormatIdc == 3) {
        separateColourPlane = in.flag();
      }
      bitDepthLuma = in.ue("bit_depth_luma_minus8", 6) + 8;
      bitDepthChroma = in.ue("bit_depth_chroma_minus8", 6) + 8;
      in.flag(); // qpprime_y_zero_transform_bypass_flag
      if (in.flag()) { // seq_scaling_matrix_present_flag
        int lists = chromaFormatIdc == 3 ? 12 : 8;
        for (int i = 0; i < lists; i++) {
          if (in.flag()) {
            skipScalingList(i < 6 ? 16 : 64);
          }
        }
      }
    }

    private void skipScalingList(int size) {
      int last = 8;
      int next = 8;
      for (int j = 0; j < size && next != 0; j++) {
        long delta = in.se();
        if (delta < -128 || delta > 127) {
          throw new MediaFormatException("delta_scale " + delta + " outside -128..127");
        }
        next = (int) ((last + delta + 256) % 256);
        last = next == 0 ? last : next;
      }
    }

    private void readPicOrderCount() {
      int type = in.ue("pic_order_cnt_type", 2);
      if (type == 0) {
        in.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
      } else if (type == 1) {
        in.flag(); // delta_pic_order_always_zero_flag
        in.se(); // offset_for_non_ref_pic
        in.se(); // offset_for_top_to_bottom_field
        int cycle = in.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
        for (int i = 0; i < cycle; i++) {
          in.se(); // offset_for_ref_frame
        }
      }
    }

    private int[] readCropping() {
      int[] crop = new int[4];
      if (in.flag()) { // frame_cropping_flag
        for (int i = 0; i < 4; i++) {
          crop[i] = in.ue("frame_crop_offset", MAX_DIMENSION);
        }
      }
      return crop;
    }
  }

  private static int cropped(String axis, int coded, int unit, int first, int second) {
    long result = coded - (long) unit * (first + second);
    if (result <= 0) {
      throw new MediaFormatException(
          "cropping removes the whole " + axis + " (" + coded + " coded pixels)");
    }
    return (int) result;
  }
}
