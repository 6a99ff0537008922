package io.hearth.runtime.logging;

import java.util.HashMap;
import java.util.Map;

/**
 * Lets one log line per cause through per interval and counts the rest, so a flood of bad input (or
 * a camera that keeps failing) costs a few lines, not one per request: on an SD card a log is both
 * wear and a way to fill the disk. Bounded: past {@link #MAX_CAUSES} causes it starts over.
 */
public final class LogLimiter {
  public static final long DEFAULT_INTERVAL_MS = 60_000;
  static final int MAX_CAUSES = 1024;

  private final long intervalMs;
  private final Map<String, long[]> causes = new HashMap<>();

  public LogLimiter(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  /**
   * Whether a line for this cause may be logged now: -1 to hold it back, else how many lines of the
   * cause were held back since the last one logged (to say so in this one).
   */
  public synchronized long admit(String cause) {
    long now = System.currentTimeMillis();
    if (causes.size() >= MAX_CAUSES && !causes.containsKey(cause)) {
      causes.clear();
    }
    long[] state = causes.computeIfAbsent(cause, c -> new long[] {Long.MIN_VALUE, 0});
    if (state[0] != Long.MIN_VALUE && now - state[0] < intervalMs) {
      state[1]++;
      return -1;
    }
    long before = state[1];
    state[0] = now;
    state[1] = 0;
    return before;
  }

  /** A suffix for a logged line: empty, or how many like it were held back. */
  public static String suffix(long heldBack) {
    return heldBack > 0 ? " (" + heldBack + " more like it since the last)" : "";
  }
}
