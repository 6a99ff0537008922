package io.hearth.bridge.link;

import java.util.Random;

/**
 * Jittered exponential backoff for reconnecting to the relay: the ceiling doubles from {@code
 * firstMillis} up to {@code maxMillis} with each failed attempt, and each delay is drawn uniformly
 * between half the ceiling and the ceiling, from this hub's own random source, so hubs whose relay
 * node died together do not all come back in the same instant.
 */
public final class Backoff {
  private final long firstMillis;
  private final long maxMillis;
  private final Random random;
  private int failures;

  public Backoff(long firstMillis, long maxMillis, Random random) {
    if (firstMillis < 1 || maxMillis < firstMillis) {
      throw new IllegalArgumentException("backoff needs 1 <= first <= max");
    }
    this.firstMillis = firstMillis;
    this.maxMillis = maxMillis;
    this.random = random;
  }

  /** 250 ms doubling to 30 s. */
  public static Backoff standard() {
    return new Backoff(250, 30_000, new java.security.SecureRandom());
  }

  /** The delay before the next attempt; each call counts one more failure. */
  public long nextDelayMillis() {
    long ceiling = Math.min(maxMillis, firstMillis << Math.min(failures, 20));
    failures++;
    return ceiling / 2 + (long) (random.nextDouble() * (ceiling - ceiling / 2));
  }

  /** A connection succeeded: the next failure starts from the first delay again. */
  public void reset() {
    failures = 0;
  }
}
