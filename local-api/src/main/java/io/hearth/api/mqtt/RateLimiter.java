package io.hearth.api.mqtt;

/**
 * A token bucket: {@code rate} messages a second on average, bursts of twice that. A rate of 0
 * means no limit. Single-threaded: used on one connection's event loop.
 */
final class RateLimiter {
  private final double rate;
  private final double capacity;
  private double tokens;
  private long last;

  RateLimiter(int rate, long nowNanos) {
    this.rate = rate;
    this.capacity = 2.0 * rate;
    this.tokens = capacity;
    this.last = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryAcquire(long nowNanos) {
    if (rate <= 0) {
      return true;
    }
    tokens = Math.min(capacity, tokens + (nowNanos - last) * rate / 1e9);
    last = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
