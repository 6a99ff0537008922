package io.hearth.runtime.stream;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Jittered exponential reconnect delays: initial, doubling up to max, each multiplied by a random
 * factor in [0.5, 1.5) so that cameras failing together (a router restart) do not all reconnect in
 * the same instant. Used on one Vert.x context only.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final DoubleSupplier random;
  private int failures;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.random = random;
  }

  /** The delay before the next attempt, in milliseconds (at least 1). */
  long nextMillis() {
    long base = initialMillis << Math.min(failures, 30);
    if (base <= 0 || base > maxMillis) {
      base = maxMillis;
    }
    failures++;
    double factor = 0.5 + random.getAsDouble();
    return Math.max(1, Math.round(base * factor));
  }

  /** Starts again from the initial delay: the last connection was healthy. */
  void reset() {
    failures = 0;
  }

  int failures() {
    return failures;
  }
}
