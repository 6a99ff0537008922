package io.hearth.runtime.stream;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs frames dropped because their camera id was not the camera they were routed to
 * (promise 2): each one is a security event, since it means some layer mixed two cameras up. The
 * log line names the cameras and never the frame's bytes, and is rate-limited so that a stuck
 * misroute cannot flood the log; the count is exact.
 */
public final class Misroutes {
  private static final Logger SECURITY = LoggerFactory.getLogger("io.hearth.security");
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final AtomicLong count = new AtomicLong();
  private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

  /** Records one dropped frame of {@code frameCamera} found at {@code where} for {@code camera}. */
  public void record(String where, String frameCamera, String camera) {
    long total = count.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLogNanos.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
      SECURITY.warn(
          "security event: dropped a frame of camera {} at the {} of camera {} ({} such frames"
              + " so far)",
          frameCamera,
          where,
          camera,
          total);
    }
  }

  public long count() {
    return count.get();
  }
}
