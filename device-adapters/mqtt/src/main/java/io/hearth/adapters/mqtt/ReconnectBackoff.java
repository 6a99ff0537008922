package io.hearth.adapters.mqtt;

import java.util.function.DoubleSupplier;

/**
 * Jittered exponential delays between reconnect attempts, from {@code minMillis} doubling to {@code
 * maxMillis}, each stretched by a random 0 to 50 % (but never past the maximum), so hubs and
 * devices that lost a broker together do not all return in the same instant. Used on one context
 * only.
 */
final class ReconnectBackoff {
  static final long MIN_MILLIS = 1_000;
  static final long MAX_MILLIS = 60_000;

  private final long minMillis;
  private final long maxMillis;
  private final DoubleSupplier random;
  private int failures;

  ReconnectBackoff(long minMillis, long maxMillis, DoubleSupplier random) {
    if (minMillis <= 0 || maxMillis < minMillis) {
      throw new IllegalArgumentException("need 0 < min <= max");
    }
    this.minMillis = minMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** The delay before the next attempt. */
  long nextMillis() {
    long base = minMillis << Math.min(failures, 20);
    failures++;
    long jittered = Math.round(Math.min(base, maxMillis) * (1 + 0.5 * random.getAsDouble()));
    return Math.max(minMillis, Math.min(maxMillis, jittered));
  }

  /** Back to the minimum delay: the last connection was healthy. */
  void reset() {
    failures = 0;
  }

  int failures() {
    return failures;
  }
}
