package io.hearth.api.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured window of live streaming: warm up (JIT, GOP bursts to new viewers), then count the
 * hub's CPU time and collect every viewer's latencies for the frames sent in the window.
 */
final class StreamWindow {
  private final long warmUpMillis;
  private final long windowMillis;

  StreamWindow(long warmUpMillis, long windowMillis) {
    this.warmUpMillis = warmUpMillis;
    this.windowMillis = windowMillis;
  }

  /** Waits one warm-up time. */
  void warmUp() throws InterruptedException {
    Thread.sleep(warmUpMillis);
  }

  /** CPU-seconds per second per stream of the measured processes, over a window after warm-up. */
  double measureCpu(CpuMeter cpu, int streams) throws InterruptedException {
    Thread.sleep(warmUpMillis);
    return measureCpuNow(cpu, streams);
  }

  /** CPU-seconds per second per stream of the measured processes, over a window starting now. */
  double measureCpuNow(CpuMeter cpu, int streams) throws InterruptedException {
    cpu.start();
    Thread.sleep(windowMillis);
    return cpu.perStream(streams);
  }

  StreamFigures measure(String label, int cameras, List<BenchViewer> viewers, CpuMeter hub)
      throws InterruptedException {
    Thread.sleep(warmUpMillis);
    hub.start();
    long from = System.nanoTime();
    Thread.sleep(windowMillis);
    long to = System.nanoTime();
    double cpu = hub.perStream(cameras);
    Thread.sleep(500); // the last frames of the window are still on their way
    List<Long> latencies = new ArrayList<>();
    long expected = 0;
    long rejected = 0;
    for (BenchViewer viewer : viewers) {
      latencies.addAll(viewer.latencies(from, to));
      expected += viewer.expected(from, to);
      rejected += viewer.rejected();
    }
    double delivered = expected == 0 ? Double.NaN : (double) latencies.size() / expected;
    return new StreamFigures(
        label, cameras, viewers.size(), Percentiles.ofNanos(latencies), delivered, cpu, rejected);
  }
}
