package io.hearth.runtime.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameter sets of one H.264 (SPS, PPS) or H.265 (VPS, SPS, PPS) stream, as they go into the
 * avcC / hvcC record of an init segment, with the first SPS parsed for the picture size and the
 * codec string. Immutable: NAL units are copied in and out.
 */
public final class ParameterSets {
  /** Most parameter sets of one kind accepted: the avcC record counts SPS in 5 bits. */
  public static final int MAX_PER_KIND = 31;

  private final Codec codec;
  private final List<byte[]> vps = new ArrayList<>();
  private final List<byte[]> sps = new ArrayList<>();
  private final List<byte[]> pps = new ArrayList<>();
  private final H264Sps avcSps;
  private final H265Sps hevcSps;

  private ParameterSets(Codec codec, List<byte[]> nals) {
    this.codec = codec;
    for (byte[] nal : nals) {
      classify(nal.clone());
    }
    require("SPS", sps);
    require("PPS", pps);
    if (codec == Codec.H265) {
      require("VPS", vps);
      hevcSps = H265Sps.parse(sps.get(0));
      avcSps = null;
    } else {
      avcSps = H264Sps.parse(sps.get(0));
      hevcSps = null;
    }
  }

  /**
   * Sorts {@code nals} (without start codes) into parameter sets by NAL type; other NAL types are
   * rejected so that a caller cannot pass slices by mistake.
   */
  public static ParameterSets of(Codec codec, List<byte[]> nals) {
    if (!codec.isNalBased()) {
      throw new IllegalArgumentException(codec + " has no parameter sets");
    }
    return new ParameterSets(codec, nals);
  }

  private void classify(byte[] nal) {
    int type = NalUnits.type(codec, nal);
    List<byte[]> kind = kindOf(type);
    if (kind == null) {
      throw new MediaFormatException(
          "NAL unit type " + type + " is not a " + codec + " parameter set");
    }
    if (kind.size() == MAX_PER_KIND || nal.length > 0xffff) {
      throw new MediaFormatException("too many or too large parameter sets of type " + type);
    }
    kind.add(nal);
  }

  private List<byte[]> kindOf(int type) {
    if (codec == Codec.H264) {
      return type == NalUnits.H264_SPS ? sps : type == NalUnits.H264_PPS ? pps : null;
    }
    return switch (type) {
      case NalUnits.H265_VPS -> vps;
      case NalUnits.H265_SPS -> sps;
      case NalUnits.H265_PPS -> pps;
      default -> null;
    };
  }

  private void require(String kind, List<byte[]> list) {
    if (list.isEmpty()) {
      throw new MediaFormatException("no " + kind + " among the " + codec + " parameter sets");
    }
  }

  /** The codec, H264 or H265. */
  public Codec codec() {
    return codec;
  }

  /** The displayed width in pixels, from the first SPS. */
  public int width() {
    return avcSps != null ? avcSps.width() : hevcSps.width();
  }

  /** The displayed height in pixels, from the first SPS. */
  public int height() {
    return avcSps != null ? avcSps.height() : hevcSps.height();
  }

  /** The RFC 6381 codec string for MSE, such as {@code avc1.64001F} or {@code hvc1.1.6.L93.B0}. */
  public String codecString() {
    return avcSps != null ? avcSps.codecString() : hevcSps.codecString();
  }

  /** Whether {@code nal} is byte for byte one of these parameter sets. */
  public boolean contains(byte[] nal) {
    return contains(nal, 0, nal.length);
  }

  /** Whether {@code length} bytes of {@code bytes} from {@code offset} are a parameter set. */
  boolean contains(byte[] bytes, int offset, int length) {
    for (List<byte[]> kind : List.of(vps, sps, pps)) {
      for (byte[] known : kind) {
        if (Arrays.equals(known, 0, known.length, bytes, offset, offset + length)) {
          return true;
        }
      }
    }
    return false;
  }

  List<byte[]> vps() {
    return vps;
  }

  List<byte[]> sps() {
    return sps;
  }

  List<byte[]> pps() {
    return pps;
  }

  H264Sps avcSps() {
    return avcSps;
  }

  H265Sps hevcSps() {
    return hevcSps;
  }
}
