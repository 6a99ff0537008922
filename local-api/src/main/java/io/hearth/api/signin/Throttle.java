package io.hearth.api.signin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed sign-in attempts per key (a member's name, an address): the first {@code free} failures
 * cost nothing, each one after that locks the key for twice as long as the one before, from 30
 * seconds up to 15 minutes; a key quiet for an hour is forgotten, and a success clears it. At most
 * {@code maxKeys} keys are kept (the least recently failed go first), so a flood of made-up names
 * cannot grow it without bound.
 */
public final class Throttle {
  static final long FIRST_LOCK_MS = 30_000;
  static final long MAX_LOCK_MS = 15 * 60_000;
  static final long FORGET_MS = 60 * 60_000;

  private final int free;
  private final int maxKeys;
  private final LongSupplier clock;
  private final Map<String, Failures> keys;

  public Throttle(int free, int maxKeys, LongSupplier clock) {
    this.free = free;
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.keys = new LinkedHashMap<>(16, 0.75f, true);
  }

  private static final class Failures {
    int count;
    long lastAt;
    long lockedUntil;
  }

  /** Seconds until {@code key} may try again; 0 if it may now. */
  public synchronized long retryAfterSeconds(String key) {
    Failures f = current(key);
    long wait = f == null ? 0 : f.lockedUntil - clock.getAsLong();
    return wait <= 0 ? 0 : (wait + 999) / 1000;
  }

  public synchronized void failed(String key) {
    long now = clock.getAsLong();
    Failures f = current(key);
    if (f == null) {
      f = new Failures();
      keys.put(key, f);
      trim();
    }
    f.count++;
    f.lastAt = now;
    int over = f.count - free;
    if (over > 0) {
      long lock = FIRST_LOCK_MS << Math.min(over - 1, 10);
      f.lockedUntil = now + Math.min(lock, MAX_LOCK_MS);
    }
  }

  public synchronized void succeeded(String key) {
    keys.remove(key);
  }

  private Failures current(String key) {
    Failures f = keys.get(key);
    if (f != null && clock.getAsLong() - f.lastAt > FORGET_MS) {
      keys.remove(key);
      return null;
    }
    return f;
  }

  private void trim() {
    var oldest = keys.keySet().iterator();
    while (keys.size() > maxKeys && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
  }
}
