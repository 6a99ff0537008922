package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.hearth.runtime.media.Codec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterSetInjectorTest {
  private static final byte[] SPS = {0x67, 1};
  private static final byte[] PPS = {0x68, 2};
  private static final byte[] IDR = {0x65, 3};
  private static final byte[] AUD = {0x09, (byte) 0xF0};
  private static final byte[] VPS5 = {0x40, 1, 9};
  private static final byte[] SPS5 = {0x42, 1, 9};
  private static final byte[] PPS5 = {0x44, 1, 9};
  private static final byte[] IDR5 = {0x26, 1, 9};

  @Test
  void prependsMissingH264SetsAfterTheDelimiter() {
    List<byte[]> out =
        ParameterSetInjector.complete(Codec.H264, List.of(AUD, IDR), List.of(PPS, SPS));
    assertEquals(4, out.size());
    assertArrayEquals(AUD, out.get(0));
    assertArrayEquals(SPS, out.get(1));
    assertArrayEquals(PPS, out.get(2));
    assertArrayEquals(IDR, out.get(3));
  }

  @Test
  void leavesACompleteKeyframeAlone() {
    List<byte[]> nals = List.of(SPS, PPS, IDR);
    assertSame(nals, ParameterSetInjector.complete(Codec.H264, nals, List.of(SPS, PPS)));
  }

  @Test
  void addsOnlyTheSetThatIsMissing() {
    List<byte[]> out = ParameterSetInjector.complete(Codec.H264, List.of(SPS, IDR), List.of(PPS));
    assertEquals(List.of(8, 7, 5), out.stream().map(n -> n[0] & 0x1F).toList());
  }

  @Test
  void h265GetsVpsSpsAndPpsInOrder() {
    List<byte[]> out =
        ParameterSetInjector.complete(Codec.H265, List.of(IDR5), List.of(PPS5, SPS5, VPS5));
    assertEquals(
        List.of(32, 33, 34, 19),
        out.stream().map(n -> ParameterSetInjector.type(Codec.H265, n)).toList());
  }

  @Test
  void withNothingKnownTheUnitIsUnchanged() {
    assertEquals(1, ParameterSetInjector.complete(Codec.H264, List.of(IDR), List.of()).size());
  }
}
