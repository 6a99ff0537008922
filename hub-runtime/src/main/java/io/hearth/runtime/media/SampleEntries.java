package io.hearth.runtime.media;

import java.util.List;

/**
 * Writes the visual sample entry of the one video track: {@code avc1} with its {@code avcC}
 * (ISO/IEC 14496-15 5.3) or {@code hvc1} with its {@code hvcC} (8.3). Samples use 4-byte NAL
 * lengths, and all parameter sets are carried in the sample entry.
 */
final class SampleEntries {
  private static final int LENGTH_SIZE_MINUS_ONE = 3;

  private SampleEntries() {}

  static void write(BoxWriter w, ParameterSets sets) {
    boolean avc = sets.codec() == Codec.H264;
    openVisualEntry(w, avc ? "avc1" : "hvc1", sets.width(), sets.height());
    if (avc) {
      writeAvcC(w, sets);
    } else {
      writeHvcC(w, sets);
    }
    w.close();
  }

  private static void openVisualEntry(BoxWriter w, String fourcc, int width, int height) {
    w.open(fourcc).zeros(6).u16(1); // reserved, data_reference_index
    w.zeros(16); // pre_defined, reserved, pre_defined[3]
    w.u16(width).u16(height);
    w.u32(0x00480000).u32(0x00480000); // 72 dpi
    w.u32(0).u16(1); // reserved, frame_count
    w.zeros(32); // compressorname: empty Pascal string, padded
    w.u16(0x0018).u16(0xffff); // depth, pre_defined = -1
  }

  private static void writeAvcC(BoxWriter w, ParameterSets sets) {
    H264Sps sps = sets.avcSps();
    w.open("avcC").u8(1);
    w.u8(sps.profileIdc()).u8(sps.constraintFlags()).u8(sps.levelIdc());
    w.u8(0xfc | LENGTH_SIZE_MINUS_ONE);
    w.u8(0xe0 | sets.sps().size());
    writeNals(w, sets.sps());
    w.u8(sets.pps().size());
    writeNals(w, sets.pps());
    if (sps.hasHighProfileFields()) {
      w.u8(0xfc | sps.chromaFormatIdc());
      w.u8(0xf8 | (sps.bitDepthLuma() - 8));
      w.u8(0xf8 | (sps.bitDepthChroma() - 8));
      w.u8(0); // numOfSequenceParameterSetExt
    }
    w.close();
  }

  private static void writeHvcC(BoxWriter w, ParameterSets sets) {
    H265Sps sps = sets.hevcSps();
    w.open("hvcC").u8(1);
    w.u8((sps.profileSpace() << 6) | (sps.highTier() ? 0x20 : 0) | sps.profileIdc());
    w.u32(sps.compatibilityFlags() & 0xffffffffL);
    w.u16((int) (sps.constraintFlags() >>> 32)).u32(sps.constraintFlags() & 0xffffffffL);
    w.u8(sps.levelIdc());
    w.u16(0xf000); // min_spatial_segmentation_idc unknown
    w.u8(0xfc); // parallelismType unknown
    w.u8(0xfc | sps.chromaFormatIdc());
    w.u8(0xf8 | (sps.bitDepthLuma() - 8));
    w.u8(0xf8 | (sps.bitDepthChroma() - 8));
    w.u16(0); // avgFrameRate unknown
    w.u8((sps.maxSubLayers() << 3) | (sps.temporalIdNesting() ? 4 : 0) | LENGTH_SIZE_MINUS_ONE);
    w.u8(3); // numOfArrays
    writeArray(w, NalUnits.H265_VPS, sets.vps());
    writeArray(w, NalUnits.H265_SPS, sets.sps());
    writeArray(w, NalUnits.H265_PPS, sets.pps());
    w.close();
  }

  private static void writeArray(BoxWriter w, int type, List<byte[]> nals) {
    w.u8(0x80 | type); // array_completeness = 1: every parameter set is here
    w.u16(nals.size());
    writeNals(w, nals);
  }

  private static void writeNals(BoxWriter w, List<byte[]> nals) {
    for (byte[] nal : nals) {
      w.u16(nal.length).bytes(nal);
    }
  }
}
