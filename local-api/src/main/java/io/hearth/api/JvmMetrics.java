package io.hearth.api;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;

/**
 * The JVM's own metrics, named as the Prometheus Java client names them (so existing dashboards
 * work): heap and non-heap memory, threads, garbage collections, process CPU and start time.
 */
final class JvmMetrics {
  private JvmMetrics() {}

  static void write(PromText out) {
    memory(out);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    out.gauge("jvm_threads_current", "Current thread count of the JVM", threads.getThreadCount());
    out.gauge(
        "jvm_threads_daemon", "Daemon thread count of the JVM", threads.getDaemonThreadCount());
    out.gauge("jvm_threads_peak", "Peak thread count of the JVM", threads.getPeakThreadCount());
    gc(out);
    out.gauge(
        "process_start_time_seconds",
        "Start time of the process since the epoch in seconds",
        ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      out.counter(
          "process_cpu_seconds_total", "CPU time the process used", os.getProcessCpuTime() / 1e9);
    }
  }

  private static void memory(PromText out) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
    out.family("jvm_memory_bytes_used", "gauge", "Used bytes of a given JVM memory area")
        .sample("jvm_memory_bytes_used", heap.getUsed(), "area", "heap")
        .sample("jvm_memory_bytes_used", nonHeap.getUsed(), "area", "nonheap");
    out.family("jvm_memory_bytes_committed", "gauge", "Committed bytes of a JVM memory area")
        .sample("jvm_memory_bytes_committed", heap.getCommitted(), "area", "heap")
        .sample("jvm_memory_bytes_committed", nonHeap.getCommitted(), "area", "nonheap");
    out.family("jvm_memory_bytes_max", "gauge", "Max bytes of a JVM memory area (-1: no limit)")
        .sample("jvm_memory_bytes_max", heap.getMax(), "area", "heap")
        .sample("jvm_memory_bytes_max", nonHeap.getMax(), "area", "nonheap");
  }

  private static void gc(PromText out) {
    out.family("jvm_gc_collection_seconds", "summary", "Time spent in a given JVM collector");
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      out.sample("jvm_gc_collection_seconds_count", gc.getCollectionCount(), "gc", gc.getName());
      out.sample(
          "jvm_gc_collection_seconds_sum", gc.getCollectionTime() / 1000.0, "gc", gc.getName());
    }
  }
}
