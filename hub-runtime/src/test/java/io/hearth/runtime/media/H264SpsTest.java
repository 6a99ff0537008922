package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SPS bytes taken from streams that ffmpeg 5.1 / libx264 produced from its testsrc. */
class H264SpsTest {
  static final String SPS_1920X1080 = "67640028acb200f0044fcb80880000030008000003019078c19240";
  static final String SPS_320X240 = "6764000dacb20283f60220000003002000000641e28549";
  static final String SPS_100X58 = "6764000aacb20e4f3c980880000003008000001907891324";
  static final String SPS_444_100X58 = "67f4000a919b28e4f1b3e022000003000200000300641e244b2c";
  static final String SPS_BASELINE_640X480 = "6742c01ed900a03db011000003000100000300320f162e48";

  @Test
  void parsesHighProfile1080pWithCropping() {
    H264Sps sps = parse(SPS_1920X1080);
    assertEquals(1920, sps.width());
    assertEquals(1080, sps.height()); // coded as 1088 and cropped by 8
    assertEquals(100, sps.profileIdc());
    assertEquals(40, sps.levelIdc());
    assertEquals(1, sps.chromaFormatIdc());
    assertEquals(8, sps.bitDepthLuma());
    assertEquals("avc1.640028", sps.codecString().toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void parsesSmallSizes() {
    H264Sps qvga = parse(SPS_320X240);
    assertEquals(320, qvga.width());
    assertEquals(240, qvga.height());
    assertEquals("avc1.64000D", qvga.codecString());
    H264Sps odd = parse(SPS_100X58);
    assertEquals(100, odd.width());
    assertEquals(58, odd.height());
  }

  @Test
  void parsesBaselineWithoutChromaFields() {
    H264Sps sps = parse(SPS_BASELINE_640X480);
    assertEquals(640, sps.width());
    assertEquals(480, sps.height());
    assertEquals("avc1.42C01E", sps.codecString());
    assertEquals(1, sps.chromaFormatIdc());
  }

  @Test
  void cropsInLumaUnitsFor444() {
    H264Sps sps = parse(SPS_444_100X58);
    assertEquals(244, sps.profileIdc());
    assertEquals(3, sps.chromaFormatIdc());
    assertEquals(100, sps.width());
    assertEquals(58, sps.height());
  }

  @Test
  void rejectsOtherNalTypes() {
    MediaFormatException e =
        assertThrows(MediaFormatException.class, () -> parse("68ebc3cb22c0aabb"));
    assertTrue(e.getMessage().contains("type 8"), e.getMessage());
  }

  @Test
  void rejectsTruncatedSps() {
    byte[] full = HexFormat.of().parseHex(SPS_1920X1080);
    for (int length = 4; length < 10; length++) { // the cropping fields end in byte 10
      byte[] cut = Arrays.copyOf(full, length);
      assertThrows(MediaFormatException.class, () -> H264Sps.parse(cut), "length " + length);
    }
  }

  @Test
  void rejectsOversizedAndTinyInput() {
    assertThrows(MediaFormatException.class, () -> H264Sps.parse(new byte[] {0x67}));
    byte[] huge = new byte[H264Sps.MAX_NAL_BYTES + 1];
    huge[0] = 0x67;
    assertThrows(MediaFormatException.class, () -> H264Sps.parse(huge));
  }

  @Test
  void rejectsImplausibleWidth() {
    // profile 66, level 30, sps id 0, log2_max_frame_num 0, poc type 2, 1 ref, no gaps,
    // then pic_width_in_mbs_minus1 = 2047
    String bits = "1" + "1" + "011" + "1" + "0" + "000000000001" + "00000000000";
    byte[] rbsp = BitReaderTest.bits(bits + "1".repeat(8));
    byte[] nal = new byte[4 + rbsp.length];
    nal[0] = 0x67;
    nal[1] = 66;
    nal[3] = 30;
    System.arraycopy(rbsp, 0, nal, 4, rbsp.length);
    MediaFormatException e = assertThrows(MediaFormatException.class, () -> H264Sps.parse(nal));
    assertTrue(e.getMessage().contains("pic_width_in_mbs_minus1"), e.getMessage());
  }

  @Test
  void garbageNeverEscapesAsAnotherException() {
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] nal = new byte[4 + random.nextInt(40)];
      random.nextBytes(nal);
      nal[0] = 0x67;
      try {
        H264Sps sps = H264Sps.parse(nal);
        assertTrue(sps.width() > 0 && sps.width() <= H264Sps.MAX_DIMENSION);
        assertTrue(sps.height() > 0 && sps.height() <= 2 * H264Sps.MAX_DIMENSION);
      } catch (MediaFormatException expected) {
        assertTrue(!expected.getMessage().isEmpty());
      }
    }
  }

  static H264Sps parse(String hex) {
    return H264Sps.parse(HexFormat.of().parseHex(hex));
  }
}
