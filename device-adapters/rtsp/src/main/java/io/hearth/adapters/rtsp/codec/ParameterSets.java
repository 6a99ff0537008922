package io.hearth.adapters.rtsp.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Decodes the base64 parameter-set lists of H.264/H.265 {@code a=fmtp} lines, bounded. */
final class ParameterSets {
  /** The largest decoded parameter set accepted (real SPS are under 100 bytes). */
  static final int MAX_SET_BYTES = 4096;

  /** The most parameter sets one list may hold. */
  static final int MAX_SETS = 16;

  private ParameterSets() {}

  /** Decodes a comma-separated list of base64 NAL units; an empty string gives an empty list. */
  static List<byte[]> decode(String list, String what) throws CodecException {
    List<byte[]> sets = new ArrayList<>();
    if (list.isBlank()) {
      return sets;
    }
    String[] items = list.split(",", MAX_SETS + 1);
    if (items.length > MAX_SETS) {
      throw new CodecException(what + ": more than " + MAX_SETS + " parameter sets");
    }
    for (String item : items) {
      sets.add(decodeOne(item.trim(), what));
    }
    return sets;
  }

  private static byte[] decodeOne(String item, String what) throws CodecException {
    if (item.length() > MAX_SET_BYTES * 4 / 3 + 4) {
      throw new CodecException(what + ": parameter set longer than " + MAX_SET_BYTES + " bytes");
    }
    byte[] nal;
    try {
      nal = Base64.getDecoder().decode(item);
    } catch (IllegalArgumentException e) {
      throw new CodecException(
          what + ": expected base64, got '" + Text.shorten(item) + "' (" + e.getMessage() + ")", e);
    }
    if (nal.length == 0) {
      throw new CodecException(what + ": empty parameter set");
    }
    return nal;
  }
}
