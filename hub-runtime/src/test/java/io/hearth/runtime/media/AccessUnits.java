package io.hearth.runtime.media;

import java.util.ArrayList;
import java.util.List;

/** Groups the NAL units of an Annex-B elementary stream into access units, for tests. */
public final class AccessUnits {
  private AccessUnits() {}

  /**
   * The access units of {@code nals}, in order, by the rules of H.264 7.4.1.2.3 / H.265 7.4.2.4.4.
   */
  public static List<List<byte[]>> group(Codec codec, List<byte[]> nals) {
    List<List<byte[]>> units = new ArrayList<>();
    List<byte[]> current = new ArrayList<>();
    boolean hasVcl = false;
    for (byte[] nal : nals) {
      boolean vcl = isVcl(codec, nal);
      boolean starts = vcl ? isFirstSlice(codec, nal) : startsAccessUnit(codec, nal);
      if (hasVcl && starts) {
        units.add(current);
        current = new ArrayList<>();
        hasVcl = false;
      }
      current.add(nal);
      hasVcl |= vcl;
    }
    if (!current.isEmpty()) {
      units.add(current);
    }
    return units;
  }

  /** Whether the access unit holds an IDR (H.264) or IRAP (H.265) picture. */
  public static boolean isKeyframe(Codec codec, List<byte[]> unit) {
    return unit.stream()
        .mapToInt(nal -> NalUnits.type(codec, nal))
        .anyMatch(t -> codec == Codec.H264 ? t == 5 : t >= 16 && t <= 23);
  }

  /** The first parameter set of each of the given NAL types, in that order. */
  public static List<byte[]> parameterSets(Codec codec, List<byte[]> nals, int... types) {
    List<byte[]> found = new ArrayList<>();
    for (int type : types) {
      nals.stream().filter(n -> NalUnits.type(codec, n) == type).findFirst().ifPresent(found::add);
    }
    return found;
  }

  private static boolean isVcl(Codec codec, byte[] nal) {
    int type = NalUnits.type(codec, nal);
    return codec == Codec.H264 ? type >= 1 && type <= 5 : type <= 31;
  }

  private static boolean isFirstSlice(Codec codec, byte[] nal) {
    // first_mb_in_slice == 0 is ue(v) "1"; first_slice_segment_in_pic_flag is a plain bit
    int at = codec == Codec.H264 ? 1 : 2;
    return nal.length > at && (nal[at] & 0x80) != 0;
  }

  private static boolean startsAccessUnit(Codec codec, byte[] nal) {
    int type = NalUnits.type(codec, nal);
    if (codec == Codec.H264) {
      return type == 6 || type == 7 || type == 8 || type == 9 || (type >= 14 && type <= 18);
    }
    return (type >= 32 && type <= 35) || type == 39 || (type >= 41 && type <= 44);
  }
}
