package io.hearth.api.bench;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The display page's reconnect policy, copied from {@code webroot/display/tile.js} ({@code
 * retry()}), so that the benchmark's displays come back exactly when real ones would. {@link
 * #PAGE_LINES} are the lines of tile.js it copies: {@code RestartRecoveryTest} fails when the page
 * changes and this copy does not.
 */
final class ReconnectPolicy {
  static final long MAX_BACKOFF_MS = 30_000;
  static final long FIRST_RETRY_MS = 250;
  static final long UNREACHABLE_RETRY_MS = 1000;

  /** The lines of tile.js this class mirrors, verbatim. */
  static final String[] PAGE_LINES = {
    "const MAX_BACKOFF_MS = 30000;",
    "const FIRST_RETRY_MS = 250;",
    "const UNREACHABLE_RETRY_MS = 1000;",
    "this.retry(0, error instanceof TypeError);",
    "const cap = unreachable ? UNREACHABLE_RETRY_MS : MAX_BACKOFF_MS;",
    "const base = Math.min(cap, FIRST_RETRY_MS * 2 ** this.attempts);",
    "const wait = delay || base * (0.5 + Math.random() / 2);",
  };

  private ReconnectPolicy() {}

  /**
   * The wait before the next attempt after {@code attempts} failed ones: {@code delay} if above 0,
   * else a jittered backoff, capped low while the hub does not answer at all ({@code unreachable}).
   */
  static long waitMillis(int attempts, long delay, boolean unreachable) {
    long cap = unreachable ? UNREACHABLE_RETRY_MS : MAX_BACKOFF_MS;
    long base = Math.min(cap, FIRST_RETRY_MS << Math.min(attempts, 20));
    return delay > 0 ? delay : (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble() / 2));
  }
}
