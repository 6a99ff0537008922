package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RtpPacketTest {
  @Test
  void parsesTheFixedHeaderFromHandWrittenBytes() throws CodecException {
    byte[] bytes = {
      (byte) 0x80,
      (byte) 0xE0,
      (byte) 0xFF,
      (byte) 0xFE, // V=2, M=1, PT=96, seq 65534
      (byte) 0xFF,
      0x00,
      0x00,
      0x01, // timestamp 0xFF000001
      (byte) 0xDE,
      (byte) 0xAD,
      (byte) 0xBE,
      (byte) 0xEF, // SSRC
      0x65,
      0x01,
      0x02
    };
    RtpPacket packet = RtpPacket.parse(bytes);
    assertTrue(packet.marker());
    assertEquals(96, packet.payloadType());
    assertEquals(65534, packet.sequenceNumber());
    assertEquals(0xFF000001L, packet.timestamp());
    assertEquals(0xDEADBEEF, packet.ssrc());
    assertFalse(packet.hasExtension());
    assertEquals(-1, packet.extensionProfile());
    assertArrayEquals(new byte[] {0x65, 0x01, 0x02}, packet.payload());
  }

  @Test
  void skipsCsrcsAndExtensionAndStripsPadding() throws CodecException {
    byte[] bytes =
        new RtpBuilder()
            .csrcs(1, 2)
            .extension(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
            .padding(3)
            .build((byte) 9, (byte) 8);
    RtpPacket packet = RtpPacket.parse(bytes);
    assertArrayEquals(new int[] {1, 2}, packet.csrcs());
    assertEquals(0xBEDE, packet.extensionProfile());
    assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, packet.extension());
    assertArrayEquals(new byte[] {9, 8}, packet.payload());
  }

  @Test
  void parsesAPacketInsideALargerBuffer() throws CodecException {
    byte[] packet = new RtpBuilder().seq(7).build((byte) 1);
    byte[] buffer = new byte[packet.length + 10];
    System.arraycopy(packet, 0, buffer, 5, packet.length);
    RtpPacket parsed = RtpPacket.parse(buffer, 5, packet.length);
    assertEquals(7, parsed.sequenceNumber());
    assertArrayEquals(new byte[] {1}, parsed.payload());
  }

  @Test
  void refusesMalformedPackets() {
    byte[] good = new RtpBuilder().build((byte) 1, (byte) 2);
    assertMalformed(new byte[11], "shorter than its 12-byte header");
    byte[] v1 = good.clone();
    v1[0] = 0x40;
    assertMalformed(v1, "RTP version 1 where version 2 was expected");
    byte[] csrcPastEnd = good.clone();
    csrcPastEnd[0] = (byte) 0x8F;
    assertMalformed(csrcPastEnd, "15 CSRC identifiers needs 60 bytes but only 2 remain");
    byte[] extPastEnd = new RtpBuilder().build((byte) 0xBE, (byte) 0xDE, (byte) 0xFF, (byte) 0xFF);
    extPastEnd[0] |= 0x10;
    assertMalformed(extPastEnd, "header extension of 65535 words");
    byte[] extHeaderMissing = good.clone();
    extHeaderMissing[0] |= 0x10;
    assertMalformed(extHeaderMissing, "header extension header needs 4 bytes");
    byte[] zeroPadding = new RtpBuilder().build((byte) 1, (byte) 0);
    zeroPadding[0] |= 0x20;
    assertMalformed(zeroPadding, "padding count 0");
    byte[] paddingPastEnd = new RtpBuilder().build((byte) 1, (byte) 200);
    paddingPastEnd[0] |= 0x20;
    assertMalformed(paddingPastEnd, "padding count 200 is 0 or exceeds the 2 bytes");
    assertMalformed(new byte[0x10000], "exceeds 65535");
  }

  @Test
  void acceptsPaddingThatFillsThePayload() throws CodecException {
    byte[] allPadding = new RtpBuilder().padding(4).build();
    assertEquals(0, RtpPacket.parse(allPadding).payload().length);
  }

  private static void assertMalformed(byte[] bytes, String expected) {
    CodecException e = assertThrows(CodecException.class, () -> RtpPacket.parse(bytes));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }
}
