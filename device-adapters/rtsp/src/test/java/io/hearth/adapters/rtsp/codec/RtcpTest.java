package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtcpTest {
  @Test
  void encodesAReceiverReportWithCname() {
    RtcpReceiverReport.ReportBlock block =
        new RtcpReceiverReport.ReportBlock(
            0xDEADBEEF, 64, 3, 0x0001_0005L, 12, 0x7E80_8000L, 98304);
    byte[] rr = RtcpReceiverReport.encode(0x01020304, List.of(block), "h@x");
    byte[] expected = {
      (byte) 0x81,
      (byte) 201,
      0,
      7,
      1,
      2,
      3,
      4, // V=2 RC=1 PT=RR length=7, reporter SSRC
      (byte) 0xDE,
      (byte) 0xAD,
      (byte) 0xBE,
      (byte) 0xEF, // source SSRC
      64,
      0,
      0,
      3, // fraction lost 64/256, cumulative 3
      0,
      1,
      0,
      5, // extended highest sequence
      0,
      0,
      0,
      12, // jitter
      0x7E,
      (byte) 0x80,
      (byte) 0x80,
      0, // LSR
      0,
      1,
      (byte) 0x80,
      0, // DLSR 1.5 s
      (byte) 0x81,
      (byte) 202,
      0,
      3,
      1,
      2,
      3,
      4, // SDES, one chunk, length 3
      1,
      3,
      'h',
      '@',
      'x',
      0,
      0,
      0 // CNAME item, end of list, padding
    };
    assertArrayEquals(expected, rr);
  }

  @Test
  void clampsCumulativeLossToTwentyFourSignedBits() {
    byte[] negative = encodeWithLost(-1);
    assertArrayEquals(
        new byte[] {0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, slice(negative, 12, 4));
    byte[] huge = encodeWithLost(1_000_000_000L);
    assertArrayEquals(new byte[] {0, 0x7F, (byte) 0xFF, (byte) 0xFF}, slice(huge, 12, 4));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RtcpReceiverReport.ReportBlock(1, 256, 0, 0, 0, 0, 0));
  }

  @Test
  void computesDelaySinceLastSenderReport() {
    assertEquals(98304, RtcpReceiverReport.dlsr(Duration.ofMillis(1500)));
    assertEquals(0, RtcpReceiverReport.dlsr(Duration.ofMillis(-5)));
    assertEquals(0xFFFFFFFFL, RtcpReceiverReport.dlsr(Duration.ofDays(2)));
  }

  @Test
  void findsTheSenderReportInACompoundPacket() throws CodecException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x80, (byte) 201, 0, 1, 9, 9, 9, 9}); // empty RR first
    out.writeBytes(senderReport(6));
    RtcpSenderReport sr = RtcpSenderReport.find(out.toByteArray()).orElseThrow();
    assertEquals(0xCAFEBABE, sr.ssrc());
    assertEquals(0x83AA7E80_80000000L, sr.ntpTimestamp());
    assertEquals(0x7E808000L, sr.lsr());
    assertEquals(0xF0000000L, sr.rtpTimestamp());
    assertEquals(10, sr.packetCount());
    assertEquals(1000, sr.octetCount());
  }

  @Test
  void reportsNoSenderReportInAReceiverOnlyPacket() throws CodecException {
    byte[] rr = RtcpReceiverReport.encode(5, List.of(), "cam");
    assertEquals(Optional.empty(), RtcpSenderReport.find(rr));
  }

  @Test
  void refusesMalformedRtcp() {
    assertMalformed(new byte[] {(byte) 0x80, (byte) 200}, "header needs 4 bytes but only 2");
    assertMalformed(new byte[] {0x40, (byte) 200, 0, 0}, "RTCP version 1 where 2");
    assertMalformed(slice(senderReport(6), 0, 20), "length field says 28 bytes but only 20");
    assertMalformed(slice(senderReport(1), 0, 8), "shorter than 28");
    byte[] many = new byte[8 * 17];
    for (int i = 0; i < 17; i++) {
      many[8 * i] = (byte) 0x80;
      many[8 * i + 1] = (byte) 201;
      many[8 * i + 3] = 1;
    }
    assertMalformed(many, "more than 16 packets");
  }

  private static byte[] senderReport(int lengthWords) {
    return new byte[] {
      (byte) 0x80,
      (byte) 200,
      0,
      (byte) lengthWords,
      (byte) 0xCA,
      (byte) 0xFE,
      (byte) 0xBA,
      (byte) 0xBE,
      (byte) 0x83,
      (byte) 0xAA,
      0x7E,
      (byte) 0x80,
      (byte) 0x80,
      0,
      0,
      0,
      (byte) 0xF0,
      0,
      0,
      0,
      0,
      0,
      0,
      10,
      0,
      0,
      0x03,
      (byte) 0xE8
    };
  }

  private static byte[] encodeWithLost(long lost) {
    return RtcpReceiverReport.encode(
        1, List.of(new RtcpReceiverReport.ReportBlock(2, 0, lost, 0, 0, 0, 0)), "c");
  }

  private static byte[] slice(byte[] data, int from, int length) {
    return java.util.Arrays.copyOfRange(data, from, from + length);
  }

  private static void assertMalformed(byte[] bytes, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> RtcpSenderReport.find(bytes));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }
}
