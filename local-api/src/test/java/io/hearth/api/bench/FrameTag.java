package io.hearth.api.bench;

import java.nio.charset.StandardCharsets;

/**
 * Numbers each access unit the scripted camera sends with an SEI NAL unit (user data unregistered,
 * which decoders ignore) holding a frame number in ASCII digits, so a viewer can tell which sent
 * frame a MEDIA chunk carries. The hub remuxes SEI untouched into the fMP4 sample. No byte of the
 * NAL unit is zero, so it needs no emulation prevention.
 */
final class FrameTag {
  private static final byte[] UUID = "HearthBenchFrame".getBytes(StandardCharsets.US_ASCII);
  private static final int DIGITS = 12;

  private FrameTag() {}

  /** The SEI NAL unit (without start code) carrying {@code frame}. */
  static byte[] sei(long frame) {
    String digits = String.format("%0" + DIGITS + "d", frame);
    byte[] nal = new byte[3 + UUID.length + DIGITS + 1];
    nal[0] = 0x06; // SEI
    nal[1] = 0x05; // user_data_unregistered
    nal[2] = (byte) (UUID.length + DIGITS);
    System.arraycopy(UUID, 0, nal, 3, UUID.length);
    System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, nal, 3 + UUID.length, DIGITS);
    nal[nal.length - 1] = (byte) 0x80; // rbsp trailing bits
    return nal;
  }

  /** The frame number tagged in {@code data} (an fMP4 fragment, say), or -1 if there is none. */
  static long find(byte[] data) {
    outer:
    for (int i = 0; i + UUID.length + DIGITS <= data.length; i++) {
      for (int k = 0; k < UUID.length; k++) {
        if (data[i + k] != UUID[k]) {
          continue outer;
        }
      }
      return Long.parseLong(new String(data, i + UUID.length, DIGITS, StandardCharsets.US_ASCII));
    }
    return -1;
  }
}
