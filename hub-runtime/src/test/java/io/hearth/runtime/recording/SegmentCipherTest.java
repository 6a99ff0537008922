package io.hearth.runtime.recording;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.NalUnits;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A segment sealed from the recorder's parts (in small cipher updates) opens to exactly those bytes
 * joined, under its key, camera and id only; and the keyframes the motion detector gives ffmpeg end
 * with an access unit delimiter.
 */
class SegmentCipherTest {
  private static final Random RANDOM = new Random(14);

  @Test
  void partsSealedInPiecesOpenToTheJoinedSegmentAndNothingElse() {
    List<byte[]> parts = new ArrayList<>();
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int size : new int[] {0, 1, 15, 16, 1023, 1024, 1025, 70_001, 3}) {
      byte[] part = new byte[size];
      RANDOM.nextBytes(part);
      parts.add(part);
      joined.writeBytes(part);
    }
    byte[] key = SegmentCipher.newKey();
    byte[] file = SegmentCipher.seal(key, "cam_a", "seg_1", parts, joined.size());

    assertArrayEquals(joined.toByteArray(), SegmentCipher.open(key, "cam_a", "seg_1", file));
    assertEquals(4 + 12 + joined.size() + 16, file.length);
    assertFalse(contains(file, Arrays.copyOf(parts.get(7), 64)), "plain bytes in the file");
    // one call over the joined bytes is the same construction: it opens the same way
    byte[] whole = SegmentCipher.seal(key, "cam_a", "seg_1", joined.toByteArray());
    assertArrayEquals(joined.toByteArray(), SegmentCipher.open(key, "cam_a", "seg_1", whole));

    assertThrows(
        IllegalArgumentException.class,
        () -> SegmentCipher.open(SegmentCipher.newKey(), "cam_a", "seg_1", file));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCipher.open(key, "cam_b", "seg_1", file));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCipher.open(key, "cam_a", "seg_2", file));
    byte[] flipped = file.clone();
    flipped[flipped.length / 2] ^= 1;
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCipher.open(key, "cam_a", "seg_1", flipped));
  }

  @Test
  void partsThatDoNotAddUpToTheStatedLengthAreRefused() {
    List<byte[]> parts = List.of(new byte[10], new byte[20]);
    byte[] key = SegmentCipher.newKey();
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCipher.seal(key, "cam_a", "seg_1", parts, 29));
    assertThrows(
        IllegalArgumentException.class, () -> SegmentCipher.seal(key, "cam_a", "seg_1", parts, 31));
  }

  @Test
  void keyframesForTheDetectorEndWithADelimiterAndCarryNoOtherOne() {
    byte[] aud = {0x09, (byte) 0xf0};
    byte[] sps = {0x67, 1, 2};
    byte[] idr = {0x65, 7, 7, 7};
    byte[] h264 = MotionDetector.annexB(Codec.H264, List.of(aud, sps, idr));
    assertArrayEquals(
        new byte[] {
          0, 0, 0, 1, 0x67, 1, 2, 0, 0, 0, 1, 0x65, 7, 7, 7, 0, 0, 0, 1, 0x09, (byte) 0xf0
        },
        h264);

    byte[] h265Idr = {0x26, 0x01, 9};
    byte[] h265 = MotionDetector.annexB(Codec.H265, List.of(h265Idr));
    byte[] last = Arrays.copyOfRange(h265, h265.length - 3, h265.length);
    assertEquals(NalUnits.H265_AUD, NalUnits.type(Codec.H265, last));
    assertEquals(4 + 3 + 4 + 3, h265.length);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
