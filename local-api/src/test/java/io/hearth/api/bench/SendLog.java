package io.hearth.api.bench;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When the scripted camera handed each numbered frame of one stream path to the kernel: the moment
 * just before the single write of all its RTP packets. Frame numbers stay unique across
 * reconnections of the same path.
 */
final class SendLog {
  private final AtomicLong next = new AtomicLong();
  private final Map<Long, Long> sentNanos = new ConcurrentHashMap<>();

  long nextFrame() {
    return next.getAndIncrement();
  }

  void sent(long frame, long nanos) {
    sentNanos.put(frame, nanos);
  }

  OptionalLong sentAt(long frame) {
    Long nanos = sentNanos.get(frame);
    return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
  }

  /** How many frames were sent within [from, to). */
  long sentBetween(long from, long to) {
    return sentNanos.values().stream().filter(t -> t >= from && t < to).count();
  }
}
