package io.hearth.bridge.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process: from /proc/PID/stat (utime + stime of all its threads, in clock ticks of
 * 10 ms), or from /proc/PID/schedstat (its main thread, in ns) for single-threaded processes whose
 * share is below a tick.
 */
final class ProcStat {
  private ProcStat() {}

  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  static long mainThreadNanos(long pid) throws IOException {
    return Long.parseLong(Files.readString(Path.of("/proc/" + pid + "/schedstat")).split(" ")[0]);
  }
}
