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

  /**
   * Takes one token, going into debt if there is none; returns how many milliseconds the caller
   * should wait (stop reading) until the debt is paid, 0 if none. Debt is bounded by one burst.
   */
  long acquire(long nowNanos) {
    if (rate <= 0) {
      return 0;
    }
    refill(nowNanos);
    tokens = Math.max(-capacity, tokens - 1);
    return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * 1000 / rate);
  }

  /** Gives back a token taken by {@link #acquire} for a message that was refused after all. */
  void refund() {
    tokens = Math.min(capacity, tokens + 1);
  }

  private void refill(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - last) * rate / 1e9);
    last = nowNanos;
  }
}
