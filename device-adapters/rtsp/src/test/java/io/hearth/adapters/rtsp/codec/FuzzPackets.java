package io.hearth.adapters.rtsp.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shared by the depacketizer fuzz tests: cuts fuzz input into datagrams, and checks what a
 * depacketizer hands out against its documented bounds.
 */
final class FuzzPackets {
  private FuzzPackets() {}

  /** Datagrams, each a 2-byte big-endian length then that many bytes (a short last one is kept). */
  static List<byte[]> split(byte[] input) {
    List<byte[]> packets = new ArrayList<>();
    int pos = 0;
    while (pos + 2 <= input.length) {
      int length = ((input[pos] & 0xFF) << 8) | (input[pos + 1] & 0xFF);
      int end = Math.min(input.length, pos + 2 + length);
      packets.add(Arrays.copyOfRange(input, pos + 2, end));
      pos = end;
    }
    return packets;
  }

  /** Each access unit within the byte and NAL-count limits, and serialisable both ways. */
  static void checkBounded(List<AccessUnit> units, int maxBytes, int maxNals) {
    for (AccessUnit unit : units) {
      assertTrue(unit.size() <= maxBytes, "access unit of " + unit.size() + " bytes");
      assertTrue(unit.nalUnits().size() <= maxNals, unit.nalUnits().size() + " NAL units");
      unit.nalUnits().forEach(nal -> assertTrue(nal.length > 0, "empty NAL unit handed out"));
      assertTrue(unit.toAnnexB().length >= unit.size());
      assertTrue(unit.toLengthPrefixed().length >= unit.size());
    }
  }
}
