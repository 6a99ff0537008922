package io.hearth.adapters.rtsp.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The codec-independent half of depacketizing: follows sequence numbers, groups NAL units into
 * access units by RTP timestamp and marker bit, rebuilds fragmented NAL units, enforces the size
 * limits and counts losses. There is no reordering buffer: a packet out of order counts as lost,
 * which is right for TCP-interleaved streams and for a LAN.
 */
final class AccessUnitAssembler {
  private final int maxAccessUnitBytes;
  private final int maxNalUnits;
  private final Predicate<byte[]> isKeyframeNal;
  private final List<AccessUnit> ready = new ArrayList<>();
  private final List<byte[]> nals = new ArrayList<>();
  private final ByteArrayOutputStream fragment = new ByteArrayOutputStream();
  private boolean fragmentActive;
  private int bytes;
  private boolean keyframe;
  private boolean active;
  private boolean discarding;
  private long timestamp;
  private int expectedSeq = -1;
  private long lost;
  private long droppedFragments;
  private long droppedUnits;
  private long stale;

  AccessUnitAssembler(int maxAccessUnitBytes, int maxNalUnits, Predicate<byte[]> isKeyframeNal) {
    this.maxAccessUnitBytes = maxAccessUnitBytes;
    this.maxNalUnits = maxNalUnits;
    this.isKeyframeNal = isKeyframeNal;
  }

  /** Accounts for the packet's sequence number and timestamp; false if it must be ignored. */
  boolean begin(RtpPacket packet) {
    if (!followSequence(packet.sequenceNumber())) {
      return false;
    }
    if (active && packet.timestamp() != timestamp) {
      finish();
    }
    if (!active) {
      active = true;
      discarding = false;
      timestamp = packet.timestamp();
    }
    return !discarding;
  }

  private boolean followSequence(int seq) {
    if (expectedSeq >= 0 && seq != expectedSeq) {
      int ahead = (seq - expectedSeq) & 0xFFFF;
      if (ahead >= 0x8000) {
        stale++;
        return false;
      }
      lost += ahead;
      dropFragment();
    }
    expectedSeq = (seq + 1) & 0xFFFF;
    return true;
  }

  /** Completes the current access unit if the packet carried the marker bit. */
  void end(RtpPacket packet) {
    if (packet.marker() && active) {
      finish();
    }
  }

  /** Adds one complete NAL unit to the current access unit. */
  void addNal(byte[] nal) throws CodecException {
    reserve(nal.length);
    if (nals.size() == maxNalUnits) {
      discard("holds more than " + maxNalUnits + " NAL units");
    }
    nals.add(nal);
    keyframe |= isKeyframeNal.test(nal);
  }

  /** Starts a fragmented NAL unit with its rebuilt header; drops any unfinished one. */
  void startFragment(byte[] header, byte[] data, int from) throws CodecException {
    dropFragment();
    fragmentActive = true;
    appendFragment(header, 0);
    appendFragment(data, from);
  }

  /** Appends to the NAL unit being rebuilt; false (and counted) if none is being rebuilt. */
  boolean continueFragment(byte[] data, int from) throws CodecException {
    if (!fragmentActive) {
      droppedFragments++;
      return false;
    }
    appendFragment(data, from);
    return true;
  }

  /** Ends the fragmented NAL unit, adds it to the access unit and returns it. */
  byte[] endFragmentNal() throws CodecException {
    byte[] nal = fragment.toByteArray();
    bytes -= nal.length;
    fragment.reset();
    fragmentActive = false;
    addNal(nal);
    return nal;
  }

  /** Drops the NAL unit being rebuilt, if any, for example after a malformed packet. */
  void dropFragment() {
    if (fragmentActive) {
      bytes -= fragment.size();
      fragment.reset();
      fragmentActive = false;
      droppedFragments++;
    }
  }

  /** Completes the last access unit, for the end of a stream. */
  void flush() {
    if (active) {
      finish();
    }
  }

  List<AccessUnit> drainReady() {
    List<AccessUnit> out = List.copyOf(ready);
    ready.clear();
    return out;
  }

  DepacketizerStats stats() {
    return new DepacketizerStats(lost, droppedFragments, droppedUnits, stale);
  }

  private void appendFragment(byte[] data, int from) throws CodecException {
    reserve(data.length - from);
    fragment.write(data, from, data.length - from);
  }

  private void reserve(int more) throws CodecException {
    if (bytes + (long) more > maxAccessUnitBytes) {
      discard("exceeds " + maxAccessUnitBytes + " bytes");
    }
    bytes += more;
  }

  private void discard(String why) throws CodecException {
    long ts = timestamp;
    dropFragment();
    reset();
    discarding = true;
    droppedUnits++;
    throw new CodecException("access unit at RTP timestamp " + ts + " " + why + "; dropped");
  }

  private void finish() {
    dropFragment();
    if (!nals.isEmpty() && !discarding) {
      ready.add(new AccessUnit(timestamp, keyframe, nals));
    }
    reset();
    active = false;
  }

  private void reset() {
    nals.clear();
    fragment.reset();
    fragmentActive = false;
    bytes = 0;
    keyframe = false;
  }
}
