package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Fmp4MuxerTest {
  static final byte[] SPS = HexFormat.of().parseHex(H264SpsTest.SPS_320X240);
  static final byte[] PPS = HexFormat.of().parseHex("68ebc3cb22c0");
  static final byte[] IDR = {0x65, (byte) 0x88, (byte) 0x84, 0x21};
  static final byte[] SLICE = {0x41, (byte) 0x9a, 0x02};
  static final byte[] AUD = {0x09, (byte) 0xf0};

  private final Fmp4Muxer muxer = Fmp4Muxer.h264(SPS, PPS);

  @Test
  void initSegmentHasTheExpectedBoxTree() {
    byte[] init = muxer.initSegment();
    List<Boxes.Box> top = Boxes.parse(init);
    assertEquals(List.of("ftyp", "moov"), top.stream().map(Boxes.Box::type).toList());
    Boxes.Box moov = top.get(1);
    assertEquals(List.of("mvhd", "trak", "mvex"), moov.childTypes());
    Boxes.Box trak = moov.child("trak");
    assertEquals(List.of("tkhd", "mdia"), trak.childTypes());
    Boxes.Box mdia = trak.child("mdia");
    assertEquals(List.of("mdhd", "hdlr", "minf"), mdia.childTypes());
    assertEquals(List.of("vmhd", "dinf", "stbl"), mdia.child("minf").childTypes());
    Boxes.Box stbl = mdia.child("minf").child("stbl");
    assertEquals(List.of("stsd", "stts", "stsc", "stsz", "stco"), stbl.childTypes());
    assertEquals(List.of("trex"), moov.child("mvex").childTypes());
    assertEquals(90_000L, Boxes.u32(init, moov.child("mvhd").bodyStart() + 12));
    assertEquals(90_000L, Boxes.u32(init, mdia.child("mdhd").bodyStart() + 12));
    Boxes.Box tkhd = trak.child("tkhd");
    assertEquals(320L << 16, Boxes.u32(init, tkhd.start() + tkhd.size() - 8));
    assertEquals(240L << 16, Boxes.u32(init, tkhd.start() + tkhd.size() - 4));
    assertArrayEquals(init, muxer.initSegment(), "the same init segment every time");
  }

  @Test
  void sampleEntryCarriesAvcConfiguration() {
    byte[] init = muxer.initSegment();
    int stsd = indexOf(init, "stsd");
    List<Boxes.Box> entries =
        Boxes.parse(init, stsd + 12, stsd - 4 + (int) Boxes.u32(init, stsd - 4));
    Boxes.Box avc1 = entries.get(0);
    assertEquals("avc1", avc1.type());
    assertEquals(320, Boxes.u16(init, avc1.bodyStart() + 24));
    assertEquals(240, Boxes.u16(init, avc1.bodyStart() + 26));
    List<Boxes.Box> inner = Boxes.parse(init, avc1.bodyStart() + 78, avc1.start() + avc1.size());
    Boxes.Box avcC = inner.get(0);
    assertEquals("avcC", avcC.type());
    int at = avcC.bodyStart();
    assertArrayEquals(
        new byte[] {1, 0x64, 0, 0x0d, (byte) 0xff, (byte) 0xe1},
        Arrays.copyOfRange(init, at, at + 6));
    assertEquals(SPS.length, Boxes.u16(init, at + 6));
    assertArrayEquals(SPS, Arrays.copyOfRange(init, at + 8, at + 8 + SPS.length));
    int ppsAt = at + 8 + SPS.length;
    assertEquals(1, Boxes.u8(init, ppsAt));
    assertArrayEquals(PPS, Arrays.copyOfRange(init, ppsAt + 3, ppsAt + 3 + PPS.length));
    assertEquals(ppsAt + 3 + PPS.length + 4, avcC.start() + avcC.size(), "high-profile tail");
  }

  @Test
  void fragmentsCountUpAndAdvanceDecodeTime() {
    FragmentReader first = FragmentReader.read(muxer.fragment(frame(1_000, true, IDR)));
    FragmentReader second = FragmentReader.read(muxer.fragment(frame(4_600, false, SLICE)));
    FragmentReader third = FragmentReader.read(muxer.fragment(frame(8_200, false, SLICE)));
    assertEquals(
        List.of(1L, 2L, 3L), List.of(first.sequence(), second.sequence(), third.sequence()));
    assertEquals(
        List.of(0L, 3600L, 7200L),
        List.of(first.baseDecodeTime(), second.baseDecodeTime(), third.baseDecodeTime()));
    assertEquals(List.of(3000L), first.durations(), "default before any delta is known");
    assertEquals(List.of(3600L), third.durations(), "then the previous delta");
    assertEquals(List.of(0x02000000L), first.flags(), "sync sample");
    assertEquals(List.of(0x01010000L), second.flags(), "non-sync sample");
    assertArrayEquals(NalUnits.toLengthPrefixed(List.of(IDR)), first.mdatPayload());
  }

  @Test
  void batchDurationsComeFromTimestampDeltas() {
    byte[] out =
        muxer.fragment(
            List.of(frame(0, true, IDR), frame(3_000, false, SLICE), frame(6_600, false, SLICE)));
    FragmentReader f = FragmentReader.read(out);
    assertEquals(List.of(3000L, 3600L, 3600L), f.durations());
    assertEquals(List.of(8, 7, 7), f.sizes());
    assertEquals(0x02000000L, f.flags().get(0));
    FragmentReader next = FragmentReader.read(muxer.fragment(frame(9_600, false, SLICE)));
    assertEquals(9_600L, next.baseDecodeTime());
    assertEquals(2L, next.sequence());
  }

  @Test
  void decodeTimeSurvivesWrapAndJump() {
    long nearWrap = 0xffff_fa00L;
    muxer.fragment(frame(nearWrap, true, IDR));
    FragmentReader wrapped =
        FragmentReader.read(muxer.fragment(frame(nearWrap + 3000 - (1L << 32), false, SLICE)));
    assertEquals(3000L, wrapped.baseDecodeTime());
    FragmentReader jumped = FragmentReader.read(muxer.fragment(frame(5, false, SLICE)));
    assertEquals(6000L, jumped.baseDecodeTime(), "a backwards jump counts as one frame step");
  }

  @Test
  void dropsDelimitersAndRepeatedParameterSetsOnly() {
    byte[] otherPps = {0x68, 0x11, 0x22};
    FragmentReader f =
        FragmentReader.read(muxer.fragment(frame(0, true, AUD, SPS, PPS, otherPps, IDR)));
    assertArrayEquals(NalUnits.toLengthPrefixed(List.of(otherPps, IDR)), f.mdatPayload());
    FragmentReader onlyAud = FragmentReader.read(muxer.fragment(frame(3000, false, AUD)));
    assertArrayEquals(
        NalUnits.toLengthPrefixed(List.of(AUD)),
        onlyAud.mdatPayload(),
        "a sample is never emptied");
  }

  @Test
  void describesTheStream() {
    assertEquals(320, muxer.width());
    assertEquals(240, muxer.height());
    assertEquals(Codec.H264, muxer.codec());
    assertEquals("video/mp4; codecs=\"avc1.64000D\"", muxer.mimeType());
  }

  @Test
  void rejectsWrongInput() {
    assertThrows(IllegalArgumentException.class, () -> muxer.fragment(List.of()));
    MediaFrame h265 =
        MediaFrame.ofNalUnits("cam", Codec.H265, 0, true, List.of(new byte[] {0x26, 1}));
    assertThrows(IllegalArgumentException.class, () -> muxer.fragment(h265));
    MediaFormatException noPps =
        assertThrows(MediaFormatException.class, () -> Fmp4Muxer.of(Codec.H264, List.of(SPS)));
    assertTrue(noPps.getMessage().contains("no PPS"), noPps.getMessage());
    MediaFormatException slice =
        assertThrows(MediaFormatException.class, () -> Fmp4Muxer.h264(SPS, IDR));
    assertTrue(slice.getMessage().contains("type 5"), slice.getMessage());
    assertThrows(MediaFormatException.class, () -> Fmp4Muxer.h264(new byte[] {0x67, 0, 0, 0}, PPS));
    assertThrows(IllegalArgumentException.class, () -> Fmp4Muxer.of(Codec.JPEG, List.of()));
    assertEquals(
        1L,
        FragmentReader.read(muxer.fragment(frame(0, true, IDR))).sequence(),
        "rejected calls did not advance the sequence");
  }

  @Test
  void limitsParameterSetCountToWhatAvcCCanCount() {
    List<byte[]> many = new ArrayList<>(Collections.nCopies(32, SPS));
    many.add(PPS);
    MediaFormatException e =
        assertThrows(MediaFormatException.class, () -> Fmp4Muxer.of(Codec.H264, many));
    assertTrue(e.getMessage().contains("too many"), e.getMessage());
    many.remove(0);
    assertEquals(320, Fmp4Muxer.of(Codec.H264, many).width());
  }

  @Test
  void h265InitSegmentCarriesHvcC() {
    HexFormat hex = HexFormat.of();
    Fmp4Muxer hevc =
        Fmp4Muxer.h265(
            hex.parseHex(H265SpsTest.VPS_320X240),
            hex.parseHex(H265SpsTest.SPS_320X240),
            hex.parseHex(H265SpsTest.PPS_320X240));
    byte[] init = hevc.initSegment();
    Boxes.parse(init);
    int hvcC = indexOf(init, "hvcC") + 4;
    assertTrue(indexOf(init, "hvc1") > 0);
    assertEquals(1, Boxes.u8(init, hvcC));
    assertEquals(0x01, Boxes.u8(init, hvcC + 1), "profile space 0, main tier, Main profile");
    assertEquals(0x60000000L, Boxes.u32(init, hvcC + 2));
    assertEquals(0x90, Boxes.u8(init, hvcC + 6));
    assertEquals(60, Boxes.u8(init, hvcC + 12));
    assertEquals(0x0f, Boxes.u8(init, hvcC + 21), "1 layer, nested, 4-byte lengths");
    assertEquals(3, Boxes.u8(init, hvcC + 22), "VPS, SPS and PPS arrays");
    assertEquals(0x80 | 32, Boxes.u8(init, hvcC + 23));
    assertEquals("hvc1.1.6.L60.90", hevc.codecString());
  }

  private static MediaFrame frame(long ts, boolean key, byte[]... nals) {
    return MediaFrame.ofNalUnits("cam-1", Codec.H264, ts, key, List.of(nals));
  }

  private static int indexOf(byte[] data, String fourcc) {
    byte[] needle = fourcc.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + 4 <= data.length; i++) {
      if (Arrays.equals(data, i, i + 4, needle, 0, 4)) {
        return i;
      }
    }
    return -1;
  }
}
