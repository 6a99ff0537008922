package io.hearth.runtime.store;

import java.util.concurrent.atomic.LongAdder;

/**
 * How long the store's work takes, for {@code /metrics}: per kind of work (read or write), a
 * histogram of the time it waited for a storage thread and of the time it ran, and how many failed.
 * Lock-free; recorded on the storage threads, read by any thread.
 */
public final class StoreTimings {
  /** Bucket upper bounds in seconds (Prometheus {@code le}), +Inf implied. */
  public static final double[] BOUNDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  /** The two kinds of work the store runs. */
  public enum Kind {
    READ,
    WRITE
  }

  private final Histogram[] waits = {new Histogram(), new Histogram()};
  private final Histogram[] runs = {new Histogram(), new Histogram()};
  private final LongAdder[] failures = {new LongAdder(), new LongAdder()};

  void record(Kind kind, long waitNanos, long runNanos, boolean failed) {
    waits[kind.ordinal()].add(waitNanos);
    runs[kind.ordinal()].add(runNanos);
    if (failed) {
      failures[kind.ordinal()].increment();
    }
  }

  /** Time from asking to a storage thread picking the work up. */
  public Histogram waited(Kind kind) {
    return waits[kind.ordinal()];
  }

  /** Time the work ran on its storage thread (its statements and commit). */
  public Histogram ran(Kind kind) {
    return runs[kind.ordinal()];
  }

  public long failures(Kind kind) {
    return failures[kind.ordinal()].sum();
  }

  /** Cumulative-bucket histogram of durations; counts per bound, sum in nanoseconds. */
  public static final class Histogram {
    private final LongAdder[] buckets = new LongAdder[BOUNDS.length];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();

    Histogram() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void add(long nanos) {
      double seconds = nanos / 1e9;
      for (int i = 0; i < BOUNDS.length; i++) {
        if (seconds <= BOUNDS[i]) {
          buckets[i].increment();
          break;
        }
      }
      sumNanos.add(nanos);
      count.increment();
    }

    /** Observations at or below {@code BOUNDS[i]} (cumulative, as Prometheus wants them). */
    public long cumulative(int i) {
      long total = 0;
      for (int j = 0; j <= i; j++) {
        total += buckets[j].sum();
      }
      return total;
    }

    public long count() {
      return count.sum();
    }

    public double sumSeconds() {
      return sumNanos.sum() / 1e9;
    }
  }
}
