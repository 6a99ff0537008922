package io.hearth.runtime.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in a test thread (never an event loop) until a condition holds, with a deadline and a
 * message that says what did not happen. The one replacement for hand-written deadline loops and
 * for sleeps that stand in for "wait until": timings are noisy on a loaded machine, so tests wait
 * on conditions, not on clocks.
 */
public final class Eventually {
  private static final long POLL_MILLIS = 20;

  private Eventually() {}

  /** A condition that may throw (a query, a read); a thrown exception counts as "not yet". */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /** A value that may not be there yet: null (or a thrown exception) means "not yet". */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls {@code condition} until it holds; fails with "{@code what} within {@code bound}". */
  public static void within(Duration bound, String what, BooleanSupplier condition)
      throws InterruptedException {
    check(bound, what, condition::getAsBoolean);
  }

  /** Like {@link #within}, with a message made when it fails (so it can say what was seen last). */
  public static void within(Duration bound, Supplier<String> what, BooleanSupplier condition)
      throws InterruptedException {
    value(bound, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  /** Like {@link #within} for a condition that may throw while it does not hold yet. */
  public static void check(Duration bound, String what, Check condition)
      throws InterruptedException {
    value(bound, what, () -> condition.holds() ? Boolean.TRUE : null);
  }

  /** Polls {@code probe} until it gives a value (not null) and returns it. */
  public static <T> T value(Duration bound, String what, Probe<T> probe)
      throws InterruptedException {
    return value(bound, () -> what, probe);
  }

  /** Like {@link #value}, with a message made when it fails. */
  public static <T> T value(Duration bound, Supplier<String> what, Probe<T> probe)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    Exception last = null;
    while (true) {
      try {
        T value = probe.get();
        if (value != null) {
          return value;
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + bound.toMillis() + " ms: " + what.get(), last);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * Polls {@code condition} until it holds or {@code bound} is up, and says whether it held: for a
   * test that collects while it waits and then asserts on what it collected, with its own message.
   * A thrown exception counts as "not yet".
   */
  public static boolean holdsWithin(Duration bound, Check condition) throws InterruptedException {
    try {
      check(bound, "", condition);
      return true;
    } catch (AssertionError e) {
      return false;
    }
  }

  /**
   * Polls {@code probe} until its value has not changed for {@code quiet} and returns that value;
   * fails if it is still changing after {@code bound}. For "what it holds once it settles".
   */
  public static <T> T settles(Duration quiet, Duration bound, String what, Probe<T> probe)
      throws InterruptedException {
    long end = System.nanoTime() + bound.toNanos();
    T last = null;
    long since = System.nanoTime();
    while (System.nanoTime() - since < quiet.toNanos()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not settled within " + bound.toMillis() + " ms: " + what);
      }
      T now = value(Duration.ofNanos(Math.max(0, end - System.nanoTime())), what, probe);
      if (!now.equals(last)) {
        last = now;
        since = System.nanoTime();
      }
      Thread.sleep(POLL_MILLIS);
    }
    return last;
  }

  /** Polls {@code condition} for the whole of {@code span}; fails as soon as it stops holding. */
  public static void throughout(Duration span, String what, BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + span.toNanos();
    while (System.nanoTime() - end < 0) {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("stopped holding within " + span.toMillis() + " ms: " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
