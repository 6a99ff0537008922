package io.hearth.api.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample of durations, reported in milliseconds. */
record Percentiles(int count, double p50, double p99, double max) {
  static Percentiles ofNanos(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);
    }
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return new Percentiles(
        sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
  }

  /** A percentile other than the three kept, in milliseconds. */
  static double percentile(List<Long> nanos, double quantile) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    return sorted.isEmpty() ? Double.NaN : rank(sorted, quantile);
  }

  private static double rank(List<Long> sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
  }
}
