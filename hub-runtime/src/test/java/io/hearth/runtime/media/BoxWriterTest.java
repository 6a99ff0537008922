package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoxWriterTest {

  @Test
  void writesNestedBoxSizes() {
    BoxWriter w = new BoxWriter(16);
    w.open("moov").openFull("mvhd", 1, 0x000203).u16(0xabcd).close();
    w.open("free").bytes(new byte[300]).close().close();
    byte[] out = w.toByteArray();
    List<Boxes.Box> top = Boxes.parse(out);
    assertEquals(1, top.size());
    Boxes.Box moov = top.get(0);
    assertEquals(out.length, moov.size());
    assertEquals(List.of("mvhd", "free"), moov.childTypes());
    Boxes.Box mvhd = moov.child("mvhd");
    assertEquals(14, mvhd.size());
    assertEquals(0x01000203L, Boxes.u32(out, mvhd.bodyStart()));
    assertEquals(0xabcd, Boxes.u16(out, mvhd.bodyStart() + 4));
    assertEquals(308, moov.child("free").size());
  }

  @Test
  void writesBigEndianIntegers() {
    byte[] out = new BoxWriter().u8(0x1ff).u16(0x1234).u32(0xdeadbeefL).u64(-2).toByteArray();
    assertArrayEquals(
        new byte[] {
          (byte) 0xff,
          0x12,
          0x34,
          (byte) 0xde,
          (byte) 0xad,
          (byte) 0xbe,
          (byte) 0xef,
          -1,
          -1,
          -1,
          -1,
          -1,
          -1,
          -1,
          (byte) 0xfe
        },
        out);
  }

  @Test
  void patchesWrittenBytesOnly() {
    BoxWriter w = new BoxWriter().u32(0).zeros(2);
    w.putU32At(2, 0x01020304);
    assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4}, w.toByteArray());
    assertThrows(IndexOutOfBoundsException.class, () -> w.putU32At(3, 0));
  }

  @Test
  void refusesUnbalancedBoxesAndBadCodes() {
    assertThrows(IllegalStateException.class, () -> new BoxWriter().close());
    assertThrows(IllegalStateException.class, () -> new BoxWriter().open("moov").toByteArray());
    assertThrows(IllegalArgumentException.class, () -> new BoxWriter().open("moo"));
  }
}
