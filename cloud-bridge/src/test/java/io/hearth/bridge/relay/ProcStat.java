package io.hearth.bridge.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process: from /proc/PID/stat (utime + stime of all its threads, in clock ticks of
 * 10 ms), or from /proc/PID/schedstat (its main thread, in ns) for single-threaded processes whose
 * share is below a tick; and the time its threads spent runnable but waiting for a CPU (the run
 * queue wait of /proc/PID/task/TID/schedstat), which shows when a process was starved.
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

  /** Run-queue wait of all the process's threads now alive, in ns (0 once it has exited). */
  static long waitNanos(long pid) {
    long sum = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          sum += Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[1]);
        } catch (IOException | RuntimeException e) {
          // the thread ended between the listing and the read
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0; // the process ended
    }
    return sum;
  }
}
