package io.hearth.api.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a hub process's footprint from outside it: resident memory (VmRSS, VmHWM) and open file
 * descriptors from /proc, threads, CPU time, and the Java heap and metaspace as {@code jcmd
 * GC.heap_info} prints them (works with {@code -XX:-UsePerfData}; it attaches, so sampled rarely).
 */
final class FootprintSampler {
  private static final Pattern TOTAL_USED =
      Pattern.compile("(generation|space)\\s+total (\\d+)K, used (\\d+)K");
  private static final Pattern METASPACE =
      Pattern.compile("Metaspace\\s+used (\\d+)K, committed (\\d+)K");

  private final ProcessHandle process;
  long maxRssKb;
  long maxFds;

  FootprintSampler(ProcessHandle process) {
    this.process = process;
  }

  /** One line of figures; keeps the largest RSS and fd count. */
  String sample() {
    long rss = status("VmRSS:");
    long fds = fds();
    maxRssKb = Math.max(maxRssKb, rss);
    maxFds = Math.max(maxFds, fds);
    return String.format(
        Locale.ROOT,
        "RSS %d MB, HWM %d MB, fds %d, threads %d",
        rss / 1024,
        status("VmHWM:") / 1024,
        fds,
        status("Threads:"));
  }

  /** Heap committed/used and metaspace used/committed in MB, from jcmd; or why not. */
  String heap() {
    try {
      Process jcmd =
          new ProcessBuilder(jcmd(), String.valueOf(process.pid()), "GC.heap_info")
              .redirectErrorStream(true)
              .start();
      String out = new String(jcmd.getInputStream().readAllBytes());
      jcmd.waitFor(20, TimeUnit.SECONDS);
      return parseHeap(out);
    } catch (IOException e) {
      return "heap: jcmd failed (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "heap: interrupted";
    }
  }

  private static String parseHeap(String out) {
    long total = 0;
    long used = 0;
    Matcher m = TOTAL_USED.matcher(out);
    while (m.find()) {
      total += Long.parseLong(m.group(2));
      used += Long.parseLong(m.group(3));
    }
    Matcher meta = METASPACE.matcher(out);
    String metaspace =
        meta.find()
            ? String.format(
                Locale.ROOT,
                "metaspace used %d MB, committed %d MB",
                Long.parseLong(meta.group(1)) / 1024,
                Long.parseLong(meta.group(2)) / 1024)
            : "metaspace ?";
    return String.format(
        Locale.ROOT,
        "heap used %d MB of %d MB committed, %s",
        used / 1024,
        total / 1024,
        metaspace);
  }

  /** CPU time of the process so far, in ns. */
  long cpuNanos() {
    return process.info().totalCpuDuration().orElseThrow().toNanos();
  }

  /** A line of /proc/PID/status as a number (kB for the Vm lines), or -1. */
  long status(String field) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc", pid(), "status"));
      for (String line : lines) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  long fds() {
    try (Stream<Path> entries = Files.list(Path.of("/proc", pid(), "fd"))) {
      return entries.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private String pid() {
    return String.valueOf(process.pid());
  }

  private static String jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
  }
}
