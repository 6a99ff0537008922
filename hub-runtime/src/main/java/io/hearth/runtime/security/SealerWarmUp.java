package io.hearth.runtime.security;

import java.security.SecureRandom;

/**
 * Runs the AES-GCM sealing path a few thousand times with a throw-away key when the hub starts, on
 * a low-priority daemon thread, so that the JIT compiles it with the CPU's AES and carry-less
 * multiply intrinsics before the first viewer arrives. A hub streaming at 30 chunks a second
 * otherwise seals in interpreted or C1-compiled code, about 20 times slower, for its first minute
 * or two. Nothing sealed here leaves the class; the key is random and forgotten.
 */
public final class SealerWarmUp {
  static final int ROUNDS = 8_000;
  static final int PAYLOAD_BYTES = 2_048;

  private SealerWarmUp() {}

  /**
   * Starts the warm-up on a daemon thread of its own: no Vert.x worker is held, and a hub that
   * stops at once is not kept waiting. Returns the thread.
   */
  public static Thread start() {
    Thread thread = new Thread(() -> run(ROUNDS), "hearth-sealer-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /** Seals {@code rounds} chunks under a throw-away key; returns their total length. */
  static long run(int rounds) {
    byte[] key = new byte[Sealer.KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Sealer sealer = new Sealer(key, "warm-up", "warm-up");
    byte[] payload = new byte[PAYLOAD_BYTES];
    long total = 0;
    for (int i = 0; i < rounds; i++) {
      total += sealer.seal(Sealer.Kind.MEDIA, payload).length;
    }
    return total;
  }
}
