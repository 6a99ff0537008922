package io.hearth.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a process's CPU went, by thread: user + system ticks of each of its threads as the kernel
 * counts them ({@code /proc/<pid>/task/<tid>/stat}), grouped by thread name with digits dropped (so
 * the JIT's {@code C2 CompilerThre0} and {@code 1} add up, as do a pool's workers). Linux only; a
 * thread that ended between the two readings is missing from the difference.
 */
final class ThreadCpu {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
  private final long pid;
  private Map<Long, Long> startTicks = Map.of();
  private long startWallNanos;

  ThreadCpu(ProcessHandle process) {
    this.pid = process.pid();
  }

  void start() {
    startTicks = ticks(names -> {});
    startWallNanos = System.nanoTime();
  }

  /**
   * The groups' share of one core since {@link #start}, largest first, those above 0.05 % of a
   * core, as one line such as {@code "vert.x-eventloop-thread- 1.2 %, C CompilerThre 0.6 %"}.
   */
  String shares() {
    double wall = (System.nanoTime() - startWallNanos) / 1e9;
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> now = ticks(names::putAll);
    Map<String, Long> byGroup = new HashMap<>();
    now.forEach(
        (tid, ticks) ->
            byGroup.merge(
                names.getOrDefault(tid, "?").replaceAll("[0-9]", ""),
                ticks - startTicks.getOrDefault(tid, 0L),
                Long::sum));
    return byGroup.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() / TICKS_PER_SECOND / wall >= 0.0005)
        .map(
            e ->
                String.format(
                    "%s %.2f %%", e.getKey().trim(), e.getValue() / TICKS_PER_SECOND / wall * 100))
        .collect(Collectors.joining(", "));
  }

  /** The share of one core since {@link #start} of the threads whose name starts so. */
  double share(String namePrefix) {
    double wall = (System.nanoTime() - startWallNanos) / 1e9;
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> now = ticks(names::putAll);
    long total = 0;
    for (Map.Entry<Long, Long> e : now.entrySet()) {
      if (names.getOrDefault(e.getKey(), "").startsWith(namePrefix)) {
        total += e.getValue() - startTicks.getOrDefault(e.getKey(), 0L);
      }
    }
    return total / TICKS_PER_SECOND / wall;
  }

  private Map<Long, Long> ticks(java.util.function.Consumer<Map<Long, String>> names) {
    Map<Long, Long> ticks = new HashMap<>();
    Map<Long, String> named = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          String[] fields = stat.substring(close + 2).split(" ");
          // after "pid (comm) ": state is field 0, utime field 11, stime field 12
          long tid = Long.parseLong(task.getFileName().toString());
          ticks.put(tid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
          named.put(tid, name);
        } catch (IOException | RuntimeException e) {
          // the thread ended while it was read
        }
      }
    } catch (IOException e) {
      return ticks;
    }
    names.accept(named);
    return ticks;
  }
}
