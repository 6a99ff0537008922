package io.hearth.api.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: CPUs, their model, Java, ffmpeg and how loaded it was. */
final class Machine {
  private Machine() {}

  /**
   * Quiets logback's start-up notice (two logback-test.xml files are on the test class path) and
   * makes the benchmark's work folder ({@code -Dbench.dir}, local-api/target/bench by default).
   */
  static Path benchDirectory() throws IOException {
    System.setProperty(
        "logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
    Path work = Path.of(System.getProperty("bench.dir", "local-api/target/bench"));
    Files.createDirectories(work);
    return work;
  }

  static String describe() {
    return Runtime.getRuntime().availableProcessors()
        + " CPUs ("
        + cpuModel()
        + "), Linux "
        + System.getProperty("os.version")
        + ", Java "
        + System.getProperty("java.version")
        + ", "
        + ffmpegVersion();
  }

  /** The 1-minute load average, which shows whether something else was running. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ", 2)[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown model");
    } catch (IOException e) {
      return "unknown model";
    }
  }

  private static String ffmpegVersion() {
    try {
      Process ffmpeg = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
      String first =
          new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElse("ffmpeg ?");
      ffmpeg.waitFor(5, TimeUnit.SECONDS);
      return first.replaceAll(" Copyright.*", "");
    } catch (IOException e) {
      return "ffmpeg not found";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "ffmpeg ?";
    }
  }
}
