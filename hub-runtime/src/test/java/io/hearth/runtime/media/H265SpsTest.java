package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SPS bytes taken from streams that ffmpeg 5.1 / libx265 produced from its testsrc. */
class H265SpsTest {
  static final String VPS_320X240 = "40010c01ffff01600000030090000003000003003c928090";
  static final String SPS_320X240 =
      "42010101600000030090000003000003003ca00a080f16592a4932bc05a02000000300200000030321";
  static final String PPS_320X240 = "4401c172b46240";
  static final String SPS_1920X1080 =
      "420101016000000300900000030000030078a003c08010e5964a924caf016808000003000800000300c840";
  static final String SPS_100X58 =
      "42010101600000030090000003000003001ea0348107726592ae4caf016808000003000800000300c840";

  @Test
  void parsesMainProfileQvga() {
    H265Sps sps = parse(SPS_320X240);
    assertEquals(320, sps.width());
    assertEquals(240, sps.height());
    assertEquals(1, sps.profileIdc());
    assertEquals(0x60000000, sps.compatibilityFlags());
    assertEquals(60, sps.levelIdc());
    assertFalse(sps.highTier());
    assertEquals(1, sps.chromaFormatIdc());
    assertEquals(8, sps.bitDepthLuma());
    assertEquals(8, sps.bitDepthChroma());
    assertEquals(1, sps.maxSubLayers());
    assertEquals("hvc1.1.6.L60.90", sps.codecString());
  }

  @Test
  void appliesConformanceWindow() {
    H265Sps full = parse(SPS_1920X1080);
    assertEquals(1920, full.width());
    assertEquals(1080, full.height());
    assertEquals("hvc1.1.6.L120.90", full.codecString());
    H265Sps odd = parse(SPS_100X58);
    assertEquals(100, odd.width());
    assertEquals(58, odd.height());
  }

  @Test
  void codecStringShowsSpaceTierAndOmitsOnlyTrailingZeroBytes() {
    H265Sps sps =
        new H265Sps(1, true, 2, 0x20000000, 0x00_00_01_00_00_00L, 153, 1, true, 1, 10, 10, 8, 8);
    assertEquals("hvc1.A2.4.H153.0.0.1", sps.codecString());
  }

  @Test
  void rejectsOtherNalTypes() {
    MediaFormatException e = assertThrows(MediaFormatException.class, () -> parse(VPS_320X240));
    assertTrue(e.getMessage().contains("type 32"), e.getMessage());
  }

  @Test
  void rejectsTruncatedSps() {
    byte[] full = HexFormat.of().parseHex(SPS_320X240);
    for (int length = 6; length < 22; length++) {
      byte[] cut = Arrays.copyOf(full, length);
      assertThrows(MediaFormatException.class, () -> H265Sps.parse(cut), "length " + length);
    }
  }

  @Test
  void garbageNeverEscapesAsAnotherException() {
    Random random = new Random(7);
    for (int i = 0; i < 2000; i++) {
      byte[] nal = new byte[6 + random.nextInt(60)];
      random.nextBytes(nal);
      nal[0] = 0x42;
      nal[1] = 0x01;
      try {
        H265Sps sps = H265Sps.parse(nal);
        assertTrue(sps.width() > 0 && sps.width() <= H265Sps.MAX_DIMENSION);
      } catch (MediaFormatException expected) {
        assertFalse(expected.getMessage().isEmpty());
      }
    }
  }

  static H265Sps parse(String hex) {
    return H265Sps.parse(HexFormat.of().parseHex(hex));
  }
}
