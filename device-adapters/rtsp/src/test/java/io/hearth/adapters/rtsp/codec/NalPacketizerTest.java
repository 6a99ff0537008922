package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The re-stream's packetizer against the adapter's own depacketizers: what one packs, the other
 * unpacks byte for byte (single NAL unit packets and fragmentation units, H.264 and H.265), with
 * sequence numbers in a row and the marker on each access unit's last packet only.
 */
class NalPacketizerTest {
  private static final Random RANDOM = new Random(7);

  @Test
  void h264AccessUnitsSurviveTheRoundTrip() throws CodecException {
    List<byte[]> unit = List.of(nal(0x67, 20), nal(0x68, 4), nal(0x65, 9_000));
    NalPacketizer packetizer = new NalPacketizer(false, 96, 0x1234, 1400, 65_530);
    List<byte[]> packets = packetizer.packetize(unit, 90_000);
    packets.addAll(packetizer.packetize(List.of(nal(0x41, 3_000)), 96_000));
    H264Depacketizer depacketizer = new H264Depacketizer();
    List<AccessUnit> units = push(packets, depacketizer::push);
    units.addAll(depacketizer.flush());
    assertEquals(2, units.size());
    assertSame(unit, units.get(0).nalUnits());
    assertEquals(90_000, units.get(0).rtpTimestamp());
    assertTrue(units.get(0).keyframe());
    assertSequence(packets, 65_530);
  }

  @Test
  void h265AccessUnitsSurviveTheRoundTrip() throws CodecException {
    List<byte[]> unit = List.of(h265(32, 30), h265(33, 60), h265(34, 8), h265(19, 5_000));
    NalPacketizer packetizer = new NalPacketizer(true, 96, 1, 1200, 0);
    List<byte[]> packets = packetizer.packetize(unit, 3_000);
    H265Depacketizer depacketizer = new H265Depacketizer();
    List<AccessUnit> units = push(packets, depacketizer::push);
    units.addAll(depacketizer.flush());
    assertEquals(1, units.size());
    assertSame(unit, units.get(0).nalUnits());
    assertTrue(packets.stream().allMatch(p -> p.length <= 12 + 1200), "a packet over the limit");
  }

  private interface Push {
    List<AccessUnit> push(RtpPacket packet) throws CodecException;
  }

  private static List<AccessUnit> push(List<byte[]> packets, Push into) throws CodecException {
    List<AccessUnit> units = new ArrayList<>();
    for (byte[] packet : packets) {
      units.addAll(into.push(RtpPacket.parse(packet)));
    }
    return units;
  }

  private static void assertSequence(List<byte[]> packets, int first) throws CodecException {
    for (int i = 0; i < packets.size(); i++) {
      RtpPacket packet = RtpPacket.parse(packets.get(i));
      assertEquals((first + i) & 0xFFFF, packet.sequenceNumber());
      assertEquals(96, packet.payloadType());
      boolean lastOfUnit =
          i == packets.size() - 1 || packet.timestamp() != timestamp(packets, i + 1);
      assertEquals(lastOfUnit, packet.marker(), "marker of packet " + i);
    }
  }

  private static long timestamp(List<byte[]> packets, int i) throws CodecException {
    return RtpPacket.parse(packets.get(i)).timestamp();
  }

  private static void assertSame(List<byte[]> sent, List<byte[]> received) {
    assertEquals(sent.size(), received.size());
    for (int i = 0; i < sent.size(); i++) {
      assertArrayEquals(sent.get(i), received.get(i), "NAL unit " + i);
    }
  }

  private static byte[] nal(int header, int length) {
    byte[] nal = new byte[length];
    RANDOM.nextBytes(nal);
    nal[0] = (byte) header;
    return nal;
  }

  private static byte[] h265(int type, int length) {
    byte[] nal = nal(type << 1, length);
    nal[1] = 1;
    return nal;
  }
}
