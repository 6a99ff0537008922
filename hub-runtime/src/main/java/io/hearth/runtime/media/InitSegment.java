package io.hearth.runtime.media;

import java.nio.charset.StandardCharsets;

/**
 * Writes the init segment of a fragmented MP4 with one video track (ISO/IEC 14496-12): {@code ftyp}
 * and a {@code moov} whose sample tables are empty and whose {@code mvex} announces that samples
 * come in movie fragments.
 */
final class InitSegment {
  static final int TRACK_ID = 1;
  static final int TIMESCALE = 90_000;

  private static final int[] UNITY_MATRIX = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

  private InitSegment() {}

  static byte[] write(ParameterSets sets) {
    BoxWriter w = new BoxWriter(1024);
    w.open("ftyp").fourcc("isom").u32(0x200);
    w.fourcc("isom").fourcc("iso2").fourcc("iso6").fourcc("mp41").close();
    w.open("moov");
    writeMvhd(w);
    w.open("trak");
    writeTkhd(w, sets.width(), sets.height());
    writeMdia(w, sets);
    w.close();
    w.open("mvex").openFull("trex", 0, 0).u32(TRACK_ID).u32(1).u32(0).u32(0).u32(0).close();
    w.close().close();
    return w.toByteArray();
  }

  private static void writeMvhd(BoxWriter w) {
    w.openFull("mvhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0); // times, timescale, duration
    w.u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
    matrix(w);
    w.zeros(24).u32(TRACK_ID + 1).close(); // pre_defined, next_track_ID
  }

  private static void writeTkhd(BoxWriter w, int width, int height) {
    w.openFull("tkhd", 0, 0x3).u32(0).u32(0); // enabled, in movie; creation, modification
    w.u32(TRACK_ID).u32(0).u32(0).zeros(8); // track, reserved, duration, reserved
    w.u16(0).u16(0).u16(0).u16(0); // layer, alternate_group, volume, reserved
    matrix(w);
    w.u32((long) width << 16).u32((long) height << 16).close();
  }

  private static void writeMdia(BoxWriter w, ParameterSets sets) {
    w.open("mdia");
    w.openFull("mdhd", 0, 0).u32(0).u32(0).u32(TIMESCALE).u32(0);
    w.u16(0x55c4).u16(0).close(); // language "und"
    w.openFull("hdlr", 0, 0).u32(0).fourcc("vide").zeros(12);
    w.bytes("VideoHandler\0".getBytes(StandardCharsets.US_ASCII)).close();
    w.open("minf");
    w.openFull("vmhd", 0, 1).u16(0).zeros(6).close();
    w.open("dinf").openFull("dref", 0, 0).u32(1).openFull("url ", 0, 1).close().close().close();
    writeStbl(w, sets);
    w.close().close();
  }

  private static void writeStbl(BoxWriter w, ParameterSets sets) {
    w.open("stbl");
    w.openFull("stsd", 0, 0).u32(1);
    SampleEntries.write(w, sets);
    w.close();
    w.openFull("stts", 0, 0).u32(0).close();
    w.openFull("stsc", 0, 0).u32(0).close();
    w.openFull("stsz", 0, 0).u32(0).u32(0).close();
    w.openFull("stco", 0, 0).u32(0).close();
    w.close();
  }

  private static void matrix(BoxWriter w) {
    for (int value : UNITY_MATRIX) {
      w.u32(value & 0xffffffffL);
    }
  }
}
