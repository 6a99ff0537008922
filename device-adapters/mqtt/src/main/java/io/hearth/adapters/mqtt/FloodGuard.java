package io.hearth.adapters.mqtt;

import java.util.HashMap;
import java.util.Map;

/**
 * Lets at most {@code perSecond} messages a second through per topic, so one chattering or hostile
 * device cannot crowd out the others or fill the event history. Counts live for one one-second
 * window, so memory stays bounded by what arrives in a second. Used on one context only.
 */
final class FloodGuard {
  /** Far above any real sensor, well below what a broken loop publishes. */
  static final int DEFAULT_PER_SECOND = 200;

  private final int perSecond;
  private final Map<String, Integer> counts = new HashMap<>();
  private long windowStart;

  FloodGuard(int perSecond) {
    this.perSecond = perSecond;
  }

  /** True if this message may pass; false once the topic is over its limit in this second. */
  boolean allow(String topic, long nowMillis) {
    if (nowMillis - windowStart >= 1000 || nowMillis < windowStart) {
      counts.clear();
      windowStart = nowMillis;
    }
    return counts.merge(topic, 1, Integer::sum) <= perSecond;
  }

  int perSecond() {
    return perSecond;
  }
}
