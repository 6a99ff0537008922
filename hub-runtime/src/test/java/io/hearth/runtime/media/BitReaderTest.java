package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BitReaderTest {

  @Test
  void readsFixedWidthFieldsAcrossByteBoundaries() {
    BitReader in = new BitReader(new byte[] {(byte) 0b1011_0011, (byte) 0b1100_0001});
    assertTrue(in.flag());
    assertEquals(0b011, in.bits(3));
    assertEquals(0b0011_1100, in.bits(8));
    assertEquals(4, in.bitsLeft());
    assertEquals(0b0001, in.bits(4));
    assertEquals(0, in.bitsLeft());
  }

  @Test
  void readsThirtyTwoBitsUnsigned() {
    BitReader in = new BitReader(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
    assertEquals(0xfffffffeL, in.bits(32));
  }

  @Test
  void decodesExpGolombCodes() {
    // 1 | 010 | 011 | 00100 | 00111 | 0001000 -> 0, 1, 2, 3, 6, 7
    BitReader in = new BitReader(bits("1" + "010" + "011" + "00100" + "00111" + "0001000"));
    assertEquals(0, in.ue());
    assertEquals(1, in.ue());
    assertEquals(2, in.ue());
    assertEquals(3, in.ue());
    assertEquals(6, in.ue());
    assertEquals(7, in.ue());
  }

  @Test
  void decodesSignedExpGolombCodes() {
    // codeNum 1, 2, 3, 4 -> +1, -1, +2, -2
    BitReader in = new BitReader(bits("010" + "011" + "00100" + "00101"));
    assertEquals(1, in.se());
    assertEquals(-1, in.se());
    assertEquals(2, in.se());
    assertEquals(-2, in.se());
  }

  @Test
  void decodesTheLargestExpGolombCode() {
    // 31 zeros, a one, then 31 ones: 2^32 - 2
    BitReader in = new BitReader(bits("0".repeat(31) + "1" + "1".repeat(31) + "0"));
    assertEquals(0xfffffffeL, in.ue());
  }

  @Test
  void rejectsOverlongExpGolombCode() {
    BitReader in = new BitReader(new byte[8]);
    MediaFormatException e = assertThrows(MediaFormatException.class, in::ue);
    assertTrue(e.getMessage().contains("leading zeros"), e.getMessage());
  }

  @Test
  void rejectsReadsPastTheEnd() {
    BitReader in = new BitReader(new byte[] {0x01});
    in.skip(7);
    assertTrue(in.flag());
    MediaFormatException e = assertThrows(MediaFormatException.class, in::flag);
    assertTrue(e.getMessage().startsWith("truncated"), e.getMessage());
    assertThrows(MediaFormatException.class, () -> new BitReader(new byte[0]).ue());
  }

  @Test
  void rejectsTruncatedExpGolombSuffix() {
    // three leading zeros promise three more bits, only two remain
    BitReader in = new BitReader(bits("000000" + "01"));
    in.skip(3);
    assertThrows(MediaFormatException.class, in::ue);
  }

  @Test
  void boundedUeNamesTheField() {
    BitReader in = new BitReader(bits("00111")); // 6
    MediaFormatException e = assertThrows(MediaFormatException.class, () -> in.ue("thing", 5));
    assertTrue(e.getMessage().contains("thing is 6"), e.getMessage());
  }

  @Test
  void rejectsBadArguments() {
    BitReader in = new BitReader(new byte[8]);
    assertThrows(IllegalArgumentException.class, () -> in.bits(33));
    assertThrows(IllegalArgumentException.class, () -> in.bitsInt(32));
    assertThrows(IllegalArgumentException.class, () -> in.skip(-1));
    assertThrows(IllegalArgumentException.class, () -> new BitReader(new byte[2], 3));
    assertFalse(new BitReader(new byte[2], 1).flag());
  }

  @Test
  void unescapeRemovesEmulationPreventionBytesOnly() {
    byte[] escaped = {0x67, 0, 0, 3, 1, 0, 0, 3, 0, 3, 0, 0, 3};
    assertArrayEquals(new byte[] {0, 0, 1, 0, 0, 0, 3, 0, 0}, NalUnits.unescape(escaped, 1));
    byte[] plain = {0x67, 1, 3, 0, 3, 0, 0, 2};
    assertArrayEquals(new byte[] {1, 3, 0, 3, 0, 0, 2}, NalUnits.unescape(plain, 1));
  }

  /** Packs a string of '0' and '1' into bytes, padding the last byte with zeros. */
  static byte[] bits(String s) {
    byte[] out = new byte[(s.length() + 7) / 8];
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '1') {
        out[i / 8] |= (byte) (0x80 >>> (i % 8));
      }
    }
    return out;
  }
}
