package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class H264DepacketizerTest {
  private static final byte[] SPS = {0x67, 0x42, 0x00, 0x1F, (byte) 0xE9};
  private static final byte[] PPS = {0x68, (byte) 0xCE, 0x3C, (byte) 0x80};
  private static final byte[] IDR = {0x65, (byte) 0x88, (byte) 0x84, 0x00, 0x33, 0x44, 0x55};
  private static final byte[] SLICE = {0x41, (byte) 0x9A, 0x02, 0x03};

  private final H264Depacketizer depacketizer = new H264Depacketizer();
  private int seq = 100;

  @Test
  void groupsSingleNalUnitsIntoAKeyframeAndRemembersParameterSets() throws CodecException {
    assertEquals(List.of(), push(1000, false, SPS));
    assertEquals(List.of(), push(1000, false, PPS));
    AccessUnit unit = single(push(1000, true, IDR));
    assertTrue(unit.keyframe());
    assertEquals(1000, unit.rtpTimestamp());
    assertNals(unit, SPS, PPS, IDR);
    assertArrayEquals(SPS, depacketizer.sps().orElseThrow());
    assertArrayEquals(PPS, depacketizer.pps().orElseThrow());
    assertFalse(single(push(4000, true, SLICE)).keyframe());
  }

  @Test
  void unpacksStapAAndReassemblesFuA() throws CodecException {
    push(3000, false, stapA(SPS, PPS));
    push(3000, false, fuA(IDR, 1, 3, true, false));
    push(3000, false, fuA(IDR, 3, 5, false, false));
    AccessUnit unit = single(push(3000, true, fuA(IDR, 5, IDR.length, false, true)));
    assertNals(unit, SPS, PPS, IDR);
    assertTrue(unit.keyframe());
    assertEquals(new DepacketizerStats(0, 0, 0, 0), depacketizer.stats());
  }

  @Test
  void dropsAFragmentedNalUnitWhenAFragmentIsLostAndRecoversAtTheNextStart() throws CodecException {
    push(3000, false, SPS);
    push(3000, false, fuA(IDR, 1, 3, true, false));
    seq++; // the middle fragment is lost
    AccessUnit damaged = single(push(3000, true, fuA(IDR, 5, IDR.length, false, true)));
    assertNals(damaged, SPS);
    assertFalse(damaged.keyframe());
    push(6000, false, fuA(IDR, 1, 4, true, false));
    AccessUnit next = single(push(6000, true, fuA(IDR, 4, IDR.length, false, true)));
    assertNals(next, IDR);
    assertEquals(1, depacketizer.stats().lostPackets());
    assertEquals(2, depacketizer.stats().droppedFragments());
  }

  @Test
  void ignoresFragmentsWhoseStartWasLost() throws CodecException {
    seq++;
    assertEquals(List.of(), push(3000, false, fuA(IDR, 3, 5, false, false)));
    assertEquals(List.of(), push(3000, true, fuA(IDR, 5, IDR.length, false, true)));
    assertEquals(2, depacketizer.stats().droppedFragments());
  }

  @Test
  void flushesOnTimestampChangeWithoutMarkerAndAtEndOfStream() throws CodecException {
    push(1000, false, SLICE);
    AccessUnit first = single(push(2000, false, IDR));
    assertEquals(1000, first.rtpTimestamp());
    AccessUnit last = single(depacketizer.flush());
    assertEquals(2000, last.rtpTimestamp());
    assertTrue(last.keyframe());
  }

  @Test
  void ignoresStaleAndDuplicatePacketsAndHandlesSequenceWraparound() throws CodecException {
    seq = 65535;
    push(1000, false, SPS);
    seq = 65535;
    push(1000, false, SPS); // duplicate
    seq = 0;
    AccessUnit unit = single(push(1000, true, IDR));
    assertNals(unit, SPS, IDR);
    assertEquals(new DepacketizerStats(0, 0, 0, 1), depacketizer.stats());
  }

  @Test
  void dropsAnAccessUnitOverTheSizeLimitAndGoesOn() throws CodecException {
    byte[] big = new byte[60_000];
    big[0] = 0x65;
    push(9000, false, fuA(big, 1, big.length, true, false));
    CodecException e = null;
    for (int i = 0; i < 100 && e == null; i++) {
      try {
        push(9000, false, fuA(big, 1, big.length, false, false));
      } catch (CodecException thrown) {
        e = thrown;
      }
    }
    assertTrue(e != null && e.getMessage().contains("exceeds 4194304 bytes; dropped"), "" + e);
    assertEquals(List.of(), push(9000, true, fuA(big, 1, big.length, false, true)));
    assertEquals(1, depacketizer.stats().droppedAccessUnits());
    assertNals(single(push(12000, true, SLICE)), SLICE);
  }

  @Test
  void refusesMalformedPayloads() {
    assertMalformed(new byte[0], "payload is empty");
    assertMalformed(new byte[] {24, 0}, "STAP-A: truncated NAL unit size at offset 1");
    assertMalformed(new byte[] {24, 0, 9, 0x67}, "size 9 at offset 1 is 0 or runs past the 4-byte");
    assertMalformed(new byte[] {24, 0, 0}, "size 0 at offset 1");
    assertMalformed(new byte[] {28}, "FU-A: expected an indicator and a header byte");
    assertMalformed(new byte[] {28, (byte) 0xC5, 1}, "start and end bits both set");
    assertMalformed(new byte[] {25, 0}, "needs interleaved mode 2");
    assertMalformed(new byte[] {29, 0}, "needs interleaved mode 2");
    assertMalformed(new byte[] {0, 1}, "type 0 is reserved");
    assertMalformed(new byte[] {31, 1}, "type 31 is reserved");
  }

  @Test
  void returnsAUnitCompletedJustBeforeABadPacket() throws CodecException {
    push(1000, false, SLICE);
    assertThrows(CodecException.class, () -> push(2000, false, new byte[] {24, 0, 9}));
    List<AccessUnit> next = push(3000, true, IDR);
    assertEquals(2, next.size());
    assertEquals(1000, next.get(0).rtpTimestamp());
    assertEquals(3000, next.get(1).rtpTimestamp());
  }

  @Test
  void writesAnnexBAndLengthPrefixedForms() {
    AccessUnit unit = new AccessUnit(0, false, List.of(new byte[] {0x09, 0x10}, new byte[] {0x41}));
    assertArrayEquals(new byte[] {0, 0, 0, 1, 0x09, 0x10, 0, 0, 0, 1, 0x41}, unit.toAnnexB());
    assertArrayEquals(
        new byte[] {0, 0, 0, 2, 0x09, 0x10, 0, 0, 0, 1, 0x41}, unit.toLengthPrefixed());
    assertEquals(3, unit.size());
  }

  @Test
  void startsWithTheParameterSetsOfTheSdp() throws CodecException {
    H264Parameters params =
        H264Parameters.fromFmtp(
            Map.of("sprop-parameter-sets", "Z0IAKeKQFAe2AtwEBAaQeJEV,aM48gA=="));
    H264Depacketizer seeded = H264Depacketizer.of(params);
    assertEquals(0x67, seeded.sps().orElseThrow()[0]);
    assertArrayEquals(PPS, seeded.pps().orElseThrow());
  }

  @Test
  void decodesRtpInterleavedOnAnRtspConnectionFedOneByteAtATime() throws CodecException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(
        "RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 1\r\n\r\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[][] payloads = {
      stapA(SPS, PPS), fuA(IDR, 1, 4, true, false), fuA(IDR, 4, IDR.length, false, true), SLICE
    };
    long[] timestamps = {0, 0, 0, 3600};
    for (int i = 0; i < payloads.length; i++) {
      byte[] rtp = new RtpBuilder().seq(i).ts(timestamps[i]).marker(i >= 2).build(payloads[i]);
      wire.writeBytes(new InterleavedFrame(0, rtp).encode());
    }
    RtspResponseParser parser = new RtspResponseParser();
    List<AccessUnit> units = new ArrayList<>();
    for (byte b : wire.toByteArray()) {
      for (RtspInbound in : parser.feed(new byte[] {b})) {
        if (in instanceof InterleavedFrame frame) {
          units.addAll(depacketizer.push(RtpPacket.parse(frame.payload())));
        } else {
          assertEquals(200, assertInstanceOf(RtspResponse.class, in).statusCode());
        }
      }
    }
    assertEquals(2, units.size());
    assertNals(units.get(0), SPS, PPS, IDR);
    assertTrue(units.get(0).keyframe());
    assertNals(units.get(1), SLICE);
  }

  private List<AccessUnit> push(long ts, boolean marker, byte[] payload) throws CodecException {
    return depacketizer.push(
        new RtpBuilder().seq(seq++ & 0xFFFF).ts(ts).marker(marker).packet(payload));
  }

  private void assertMalformed(byte[] payload, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> push(1, false, payload));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }

  static byte[] stapA(byte[]... nals) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x78); // F=0, NRI=3, type 24
    for (byte[] nal : nals) {
      RtpBuilder.writeInt(out, nal.length, 2);
      out.writeBytes(nal);
    }
    return out.toByteArray();
  }

  /** An FU-A carrying nal[from..to) of a NAL unit whose header byte is nal[0]. */
  static byte[] fuA(byte[] nal, int from, int to, boolean start, boolean end) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((nal[0] & 0xE0) | 28);
    out.write((start ? 0x80 : 0) | (end ? 0x40 : 0) | (nal[0] & 0x1F));
    out.write(nal, from, to - from);
    return out.toByteArray();
  }

  private static AccessUnit single(List<AccessUnit> units) {
    assertEquals(1, units.size(), "access units");
    return units.get(0);
  }

  static void assertNals(AccessUnit unit, byte[]... expected) {
    assertEquals(expected.length, unit.nalUnits().size(), "NAL unit count");
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(
          expected[i],
          unit.nalUnits().get(i),
          "NAL unit " + i + " " + Arrays.toString(unit.nalUnits().get(i)));
    }
  }
}
