package io.hearth.bridge.channel;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the ephemeral keys of recent first handshake messages, so a recorded first message
 * replayed within the window is refused outright. (Outside it a replay still gets nothing: the
 * hub's ephemeral is fresh, so the attacker cannot derive the session keys.) Bounded: the oldest
 * entries go first.
 */
public final class ReplayGuard {
  private final long windowMs;
  private final int capacity;
  private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

  public ReplayGuard(long windowMs, int capacity) {
    this.windowMs = windowMs;
    this.capacity = capacity;
  }

  /** Whether the ephemeral was presented within the window (without remembering it). */
  public synchronized boolean seen(byte[] ephemeral) {
    long now = System.currentTimeMillis();
    seen.values().removeIf(at -> at < now - windowMs);
    return seen.containsKey(Base64.getEncoder().encodeToString(ephemeral));
  }

  /** True the first time an ephemeral is presented within the window; false on a repeat. */
  public synchronized boolean firstSeen(byte[] ephemeral) {
    long now = System.currentTimeMillis();
    seen.values().removeIf(at -> at < now - windowMs);
    String key = Base64.getEncoder().encodeToString(ephemeral);
    if (seen.containsKey(key)) {
      return false;
    }
    if (seen.size() >= capacity) {
      Map.Entry<String, Long> oldest = seen.entrySet().iterator().next();
      seen.remove(oldest.getKey());
    }
    seen.put(key, now);
    return true;
  }
}
