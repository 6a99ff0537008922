package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
  @Test
  void putsSwappedPacketsBackInOrder() throws CodecException {
    ReorderBuffer buffer = new ReorderBuffer(4);
    List<Integer> out = new ArrayList<>();
    for (int seq : new int[] {10, 12, 11, 13}) {
      buffer.push(packet(seq)).forEach(p -> out.add(p.sequenceNumber()));
    }
    assertEquals(List.of(10, 11, 12, 13), out);
  }

  @Test
  void givesUpAGapWhenFull() throws CodecException {
    ReorderBuffer buffer = new ReorderBuffer(2);
    List<Integer> out = new ArrayList<>();
    for (int seq : new int[] {1, 3, 4, 5}) {
      buffer.push(packet(seq)).forEach(p -> out.add(p.sequenceNumber()));
    }
    assertEquals(List.of(1, 3, 4, 5), out);
    assertEquals(0, buffer.waiting());
  }

  @Test
  void followsTheSequenceAcrossItsWrap() throws CodecException {
    ReorderBuffer buffer = new ReorderBuffer(4);
    List<Integer> out = new ArrayList<>();
    for (int seq : new int[] {65534, 0, 65535, 1}) {
      buffer.push(packet(seq)).forEach(p -> out.add(p.sequenceNumber()));
    }
    assertEquals(List.of(65534, 65535, 0, 1), out);
  }

  @Test
  void latePacketsPassThroughForTheDepacketizerToCount() throws CodecException {
    ReorderBuffer buffer = new ReorderBuffer(4);
    buffer.push(packet(100));
    assertEquals(1, buffer.push(packet(99)).size());
  }

  static RtpPacket packet(int seq) throws CodecException {
    byte[] data = {(byte) 0x80, 96, (byte) (seq >> 8), (byte) seq, 0, 0, 0, 1, 0, 0, 0, 2, 0x41};
    return RtpPacket.parse(data);
  }
}
