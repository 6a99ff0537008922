package io.hearth.api;

import io.hearth.runtime.media.H264Sps;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What picture an opened stream chunk carries, read from its bytes as a decoder would: an INIT
 * chunk's header size and the SPS in its {@code avcC} box (both must agree), a MEDIA chunk's SPS
 * NAL units in its {@code mdat} (in band when they differ from the init segment's). Sizes are
 * "WxH"; a chunk that cannot be read says so, and counts as foreign.
 */
final class PictureCheck {
  private PictureCheck() {}

  /** The size an INIT payload (mime, width, height, init segment) announces. */
  static String initSize(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    in.position(2 + in.getShort());
    String header = in.getInt() + "x" + in.getInt();
    int avcC = find(payload, "avcC", in.position());
    if (avcC < 0) {
      return "no avcC";
    }
    ByteBuffer box = ByteBuffer.wrap(payload, avcC + 4, payload.length - avcC - 4);
    box.position(box.position() + 5);
    if ((box.get() & 0x1F) < 1) {
      return "no SPS in avcC";
    }
    byte[] sps = new byte[box.getShort() & 0xFFFF];
    box.get(sps);
    String inSps = size(sps);
    return inSps.equals(header) ? header : "header " + header + " but SPS " + inSps;
  }

  /** The sizes of the SPS NAL units in a MEDIA payload's mdat (often none). */
  static List<String> mediaSizes(byte[] payload) {
    List<String> sizes = new ArrayList<>();
    int mdat = topLevelBox(payload, "mdat");
    if (mdat < 0) {
      sizes.add("no mdat");
      return sizes;
    }
    int end = mdat + ByteBuffer.wrap(payload, mdat, 4).getInt();
    int at = mdat + 8;
    while (at + 4 <= end) {
      int length = ByteBuffer.wrap(payload, at, 4).getInt();
      if (length <= 0 || at + 4 + length > end) {
        sizes.add("bad NAL length");
        break;
      }
      if ((payload[at + 4] & 0x1F) == 7) {
        byte[] sps = new byte[length];
        System.arraycopy(payload, at + 4, sps, 0, length);
        sizes.add(size(sps));
      }
      at += 4 + length;
    }
    return sizes;
  }

  private static String size(byte[] sps) {
    try {
      H264Sps parsed = H264Sps.parse(sps);
      return parsed.width() + "x" + parsed.height();
    } catch (RuntimeException e) {
      return "bad SPS";
    }
  }

  /** Where the top-level box of this type starts (its size field), or -1. */
  private static int topLevelBox(byte[] data, String fourcc) {
    int at = 0;
    while (at + 8 <= data.length) {
      int size = ByteBuffer.wrap(data, at, 4).getInt();
      String type = new String(data, at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
      if (size < 8 || at + size > data.length) {
        return -1;
      }
      if (type.equals(fourcc)) {
        return at;
      }
      at += size;
    }
    return -1;
  }

  private static int find(byte[] data, String fourcc, int from) {
    byte[] type = fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    outer:
    for (int i = from; i + 4 <= data.length; i++) {
      for (int k = 0; k < 4; k++) {
        if (data[i + k] != type[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
