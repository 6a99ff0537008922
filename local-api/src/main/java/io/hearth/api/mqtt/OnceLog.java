package io.hearth.api.mqtt;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Logs a warning the first time a key is seen, so a client flooding bad input costs one log line,
 * not one per message. Bounded: past {@link #MAX_KEYS} keys it starts over.
 */
final class OnceLog {
  static final int MAX_KEYS = 10_000;

  private final Logger log;
  private final Set<String> seen = new HashSet<>();

  OnceLog(Logger log) {
    this.log = log;
  }

  /** Logs at warn level unless this key was logged before; returns whether it logged. */
  boolean warn(String key, String format, Object... args) {
    if (seen.size() >= MAX_KEYS) {
      seen.clear();
    }
    if (!seen.add(key)) {
      return false;
    }
    log.warn(format, args);
    return true;
  }

  /** Forgets every key starting with a prefix (a client's keys when it disconnects). */
  void forget(String prefix) {
    seen.removeIf(k -> k.startsWith(prefix));
  }
}
