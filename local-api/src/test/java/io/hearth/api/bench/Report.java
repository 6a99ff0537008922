package io.hearth.api.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Prints the figures as a small table, with the targets of issue 3 checked. */
final class Report {
  static final double TARGET_P99_MS = 33;
  static final double TARGET_FIRST_FRAME_MS = 500;
  private static final String COLUMNS = "%-24s %8s %8s %8s %8s %8s %9s %13s %13s";

  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void header(String machine, H264Clip clip, long warmUpMillis, long windowMillis) {
    out.println("Hearth video benchmark (issue 3)");
    out.println("machine: " + machine);
    line(
        "clip: %dx%d %d fps H.264 (libx264 veryfast, no B-frames, GOP 30), %.1f Mbit/s, %d frames"
            + " looped; windows of %d s after %d s warm-up",
        H264Clip.WIDTH,
        H264Clip.HEIGHT,
        H264Clip.FPS,
        clip.megabitsPerSecond(),
        clip.frames(),
        windowMillis / 1000,
        warmUpMillis / 1000);
  }

  void streams(
      StreamFigures one,
      StreamFigures grid,
      Scenarios.FfmpegFigures ffmpegOne,
      Scenarios.FfmpegFigures ffmpegGrid,
      double idle) {
    out.println();
    out.println("hub-added latency: last RTP packet of a frame sent -> its MEDIA chunk received");
    line(
        COLUMNS,
        "configuration",
        "sessions",
        "frames",
        "p50 ms",
        "p99 ms",
        "max ms",
        "delivered",
        "CPU/stream",
        "minus idle");
    row(one, idle);
    row(grid, idle);
    reference(ffmpegOne);
    reference(ffmpegGrid);
    line("CPU/stream: process CPU-seconds per second per camera stream, in %% of one core;");
    line("minus idle: after taking off the hub's idle CPU (%s).", cpu(idle));
  }

  private void row(StreamFigures f, double idle) {
    line(
        "%-24s %8d %8d %8.2f %8.2f %8.2f %8.1f%% %13s %13s",
        f.label(),
        f.sessions(),
        f.latency().count(),
        f.latency().p50(),
        f.latency().p99(),
        f.latency().max(),
        f.delivered() * 100,
        cpu(f.cpuPerStream()),
        cpu(f.cpuPerStream() - idle / f.cameras()));
  }

  private void reference(Scenarios.FfmpegFigures f) {
    String label = "ffmpeg -c copy x" + f.streams();
    line(COLUMNS, label, "-", "-", "-", "-", "-", "-", cpu(f.cpuPerStream()), "-");
  }

  void firstFrame(Scenarios.OneToOne one, StreamFigures grid) {
    out.println();
    line(
        "first frame, new viewer of a streaming camera (POST .../sessions -> first MEDIA),"
            + " %d joins: p50 %.1f ms, p90 %.1f ms, max %.1f ms",
        one.joins().count(),
        one.joins().p50(),
        Percentiles.percentile(one.joinNanos(), 0.90),
        one.joins().max());
    line(
        "first frame, first viewer of an idle camera (RTSP setup included): %.1f ms",
        one.coldFirstFrameMillis());
    line(
        "chunks failing the viewer's verification (Unsealer): %d",
        one.figures().rejected() + grid.rejected());
  }

  void targets(StreamFigures one, StreamFigures grid, Scenarios.OneToOne joins, double ffmpeg) {
    out.println();
    double p99 = Math.max(one.latency().p99(), grid.latency().p99());
    check("hub-added p99 < 33 ms (both configurations)", p99 < TARGET_P99_MS, "%.2f ms", p99);
    double first = joins.joins().p50();
    check("first frame p50 < 500 ms", first < TARGET_FIRST_FRAME_MS, "%.1f ms", first);
    boolean cheaper = one.cpuPerStream() < ffmpeg;
    check(
        "hub CPU per stream < ffmpeg -c copy (1 stream)",
        cheaper,
        "%s vs %s",
        cpu(one.cpuPerStream()),
        cpu(ffmpeg));
  }

  private void check(String what, boolean ok, String format, Object... args) {
    line("%-48s %-7s %s", what, ok ? "MET" : "MISSED", String.format(Locale.ROOT, format, args));
  }

  /** CPU-seconds per second as a percentage of one core. */
  private static String cpu(double cpuSecondsPerSecond) {
    return String.format(Locale.ROOT, "%.1f%% core", cpuSecondsPerSecond * 100);
  }

  private void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }
}
