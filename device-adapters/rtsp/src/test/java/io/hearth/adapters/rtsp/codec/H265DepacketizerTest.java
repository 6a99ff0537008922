package io.hearth.adapters.rtsp.codec;

import static io.hearth.adapters.rtsp.codec.H264DepacketizerTest.assertNals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class H265DepacketizerTest {
  private static final byte[] VPS = {0x40, 0x01, 0x0C, 0x01};
  private static final byte[] SPS = {0x42, 0x01, 0x01, 0x01, 0x60};
  private static final byte[] PPS = {0x44, 0x01, (byte) 0xC1, 0x72};
  private static final byte[] IDR = {0x26, 0x01, (byte) 0xAF, 0x06, (byte) 0xB8, 0x11, 0x22}; // 19
  private static final byte[] CRA = {0x2A, 0x01, 0x10}; // type 21, the last IRAP type
  private static final byte[] TRAIL = {0x02, 0x01, (byte) 0xD0, 0x09, 0x7E}; // type 1

  private H265Depacketizer depacketizer = new H265Depacketizer();
  private int seq;

  @Test
  void groupsSingleNalUnitsAndFlagsIrapPicturesAsKeyframes() throws CodecException {
    push(0, false, VPS);
    push(0, false, SPS);
    push(0, false, PPS);
    AccessUnit key = single(push(0, true, IDR));
    assertNals(key, VPS, SPS, PPS, IDR);
    assertTrue(key.keyframe());
    assertArrayEquals(VPS, depacketizer.vps().orElseThrow());
    assertArrayEquals(SPS, depacketizer.sps().orElseThrow());
    assertArrayEquals(PPS, depacketizer.pps().orElseThrow());
    assertFalse(single(push(3000, true, TRAIL)).keyframe());
    assertTrue(single(push(6000, true, CRA)).keyframe());
  }

  @Test
  void unpacksAggregationPacketsAndFragmentationUnits() throws CodecException {
    push(0, false, ap(false, VPS, SPS, PPS));
    push(0, false, fu(IDR, 2, 4, true, false, false));
    AccessUnit unit = single(push(0, true, fu(IDR, 4, IDR.length, false, true, false)));
    assertNals(unit, VPS, SPS, PPS, IDR);
    assertTrue(unit.keyframe());
  }

  @Test
  void readsDonlFieldsWhenTheSdpAnnouncesThem() throws CodecException {
    depacketizer = new H265Depacketizer(true);
    push(0, false, ap(true, VPS, SPS));
    push(0, false, withDonl(PPS));
    push(0, false, fu(IDR, 2, 5, true, false, true));
    AccessUnit unit = single(push(0, true, fu(IDR, 5, IDR.length, false, true, true)));
    assertNals(unit, VPS, SPS, PPS, IDR);
  }

  @Test
  void dropsAFragmentedNalUnitAfterALostFragment() throws CodecException {
    push(0, false, VPS);
    push(0, false, fu(IDR, 2, 3, true, false, false));
    seq += 2;
    AccessUnit unit = single(push(0, true, fu(IDR, 5, IDR.length, false, true, false)));
    assertNals(unit, VPS);
    assertFalse(unit.keyframe());
    assertEquals(2, depacketizer.stats().lostPackets());
  }

  @Test
  void startsWithTheParameterSetsOfTheSdp() throws CodecException {
    H265Parameters params =
        H265Parameters.fromFmtp(
            Map.of("sprop-vps", "QAEMAf//AWAAAAMAkAAAAwAAAwBdlZgJ", "sprop-pps", "RAHBcrRiQA=="));
    H265Depacketizer seeded = H265Depacketizer.of(params);
    assertEquals(0x40, seeded.vps().orElseThrow()[0]);
    assertTrue(seeded.sps().isEmpty());
    assertEquals(0x44, seeded.pps().orElseThrow()[0]);
  }

  @Test
  void refusesMalformedPayloads() {
    assertMalformed(new byte[] {0x26}, "expected a 2-byte NAL unit header");
    assertMalformed(new byte[] {0x60, 0x01, 0x00}, "AP: truncated NAL unit size at offset 2");
    assertMalformed(new byte[] {0x60, 0x01, 0x00, 0x09, 0x26}, "size 9 at offset 2");
    assertMalformed(new byte[] {0x60, 0x01, 0x00, 0x01, 0x26}, "size 1 at offset 2 is under 2");
    assertMalformed(
        new byte[] {0x62, 0x01}, "FU: expected a 2-byte payload header and an FU header");
    assertMalformed(new byte[] {0x62, 0x01, (byte) 0xD3, 0x00}, "start and end bits both set");
    assertMalformed(new byte[] {0x64, 0x01, 0x00}, "(PACI) is not supported");
    assertMalformed(new byte[] {0x7E, 0x01, 0x00}, "type 63 is reserved");
  }

  @Test
  void refusesTruncatedDonlFields() {
    depacketizer = new H265Depacketizer(true);
    assertMalformed(new byte[] {0x26, 0x01, 0x00}, "too short for its DONL field");
    assertMalformed(new byte[] {0x62, 0x01, (byte) 0x93, 0x00}, "FU: truncated DONL field");
  }

  private List<AccessUnit> push(long ts, boolean marker, byte[] payload) throws CodecException {
    return depacketizer.push(new RtpBuilder().seq(seq++).ts(ts).marker(marker).packet(payload));
  }

  private void assertMalformed(byte[] payload, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> push(1, false, payload));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }

  private static AccessUnit single(List<AccessUnit> units) {
    assertEquals(1, units.size(), "access units");
    return units.get(0);
  }

  /** An aggregation packet (type 48), with DONL then DOND fields if asked. */
  private static byte[] ap(boolean donl, byte[]... nals) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(48 << 1);
    out.write(0x01);
    for (int i = 0; i < nals.length; i++) {
      if (donl) {
        RtpBuilder.writeInt(out, i == 0 ? 7 : 0, i == 0 ? 2 : 1);
      }
      RtpBuilder.writeInt(out, nals[i].length, 2);
      out.writeBytes(nals[i]);
    }
    return out.toByteArray();
  }

  /** A fragmentation unit (type 49) carrying nal[from..to) of a NAL unit with header nal[0..2). */
  private static byte[] fu(byte[] nal, int from, int to, boolean start, boolean end, boolean donl) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((nal[0] & 0x81) | (49 << 1));
    out.write(nal[1]);
    out.write((start ? 0x80 : 0) | (end ? 0x40 : 0) | ((nal[0] >> 1) & 0x3F));
    if (donl && start) {
      RtpBuilder.writeInt(out, 7, 2);
    }
    out.write(nal, from, to - from);
    return out.toByteArray();
  }

  private static byte[] withDonl(byte[] nal) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(nal, 0, 2);
    RtpBuilder.writeInt(out, 8, 2);
    out.write(nal, 2, nal.length - 2);
    return out.toByteArray();
  }
}
