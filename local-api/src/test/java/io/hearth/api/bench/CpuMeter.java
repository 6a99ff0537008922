package io.hearth.api.bench;

import java.util.List;

/**
 * CPU time (user + system, all threads) of whole processes, as the kernel accounts it
 * (/proc/&lt;pid&gt;/stat through {@link ProcessHandle.Info#totalCpuDuration}), read the same way
 * for the hub's JVM and for ffmpeg so that the two are comparable.
 */
final class CpuMeter {
  private final List<ProcessHandle> processes;
  private long startCpuNanos;
  private long startWallNanos;

  CpuMeter(List<ProcessHandle> processes) {
    this.processes = List.copyOf(processes);
  }

  void start() {
    startCpuNanos = cpuNanos();
    startWallNanos = System.nanoTime();
  }

  /** CPU-seconds per wall-clock second since {@link #start}, divided by {@code streams}. */
  double perStream(int streams) {
    double cpu = (cpuNanos() - startCpuNanos) / 1e9;
    double wall = (System.nanoTime() - startWallNanos) / 1e9;
    return cpu / wall / streams;
  }

  private long cpuNanos() {
    long total = 0;
    for (ProcessHandle process : processes) {
      total +=
          process
              .info()
              .totalCpuDuration()
              .orElseThrow(() -> new IllegalStateException("no CPU time for " + process.pid()))
              .toNanos();
    }
    return total;
  }
}
