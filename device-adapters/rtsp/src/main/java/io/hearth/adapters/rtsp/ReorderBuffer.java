package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.RtpPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts UDP-delivered RTP packets back in sequence order. A packet that arrives early waits until
 * the gap before it fills; when more than {@code capacity} packets wait, the gap is given up as
 * lost (the depacketizer then counts it). In-order packets pass straight through; late and
 * duplicate packets are passed on too, and the depacketizer ignores and counts them.
 */
final class ReorderBuffer {
  private final int capacity;
  private final TreeMap<Integer, RtpPacket> waiting = new TreeMap<>();
  private int expected = -1;

  ReorderBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** The packets ready to depacketise, in order, after this one arrived. */
  List<RtpPacket> push(RtpPacket packet) {
    int seq = packet.sequenceNumber();
    if (expected < 0) {
      expected = seq;
    }
    int ahead = (seq - expected) & 0xFFFF;
    List<RtpPacket> out = new ArrayList<>();
    if (ahead >= 0x8000) {
      out.add(packet); // late or duplicate
      return out;
    }
    waiting.put(ahead, packet);
    drain(out);
    while (waiting.size() > capacity) {
      expected = waiting.firstEntry().getValue().sequenceNumber(); // give the gap up
      rebase();
      drain(out);
    }
    return out;
  }

  int waiting() {
    return waiting.size();
  }

  private void drain(List<RtpPacket> out) {
    while (!waiting.isEmpty() && waiting.firstKey() == 0) {
      out.add(waiting.pollFirstEntry().getValue());
      expected = (expected + 1) & 0xFFFF;
      rebase();
    }
  }

  private void rebase() {
    TreeMap<Integer, RtpPacket> copy = new TreeMap<>();
    for (RtpPacket p : waiting.values()) {
      copy.put((p.sequenceNumber() - expected) & 0xFFFF, p);
    }
    waiting.clear();
    waiting.putAll(copy);
  }
}
