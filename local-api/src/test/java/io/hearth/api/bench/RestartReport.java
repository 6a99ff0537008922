package io.hearth.api.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Prints a {@link RestartRound}: the recovery figures, and where each viewer's time went. */
final class RestartReport {
  static final double GOAL_MS = 3000;

  private final PrintStream out;

  RestartReport(PrintStream out) {
    this.out = out;
  }

  /** Sorted values of the recovered tiles, NaN left out. */
  static double[] values(
      List<RestartRound.Recovery> tiles, ToDoubleFunction<RestartRound.Recovery> f) {
    return tiles.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).sorted().toArray();
  }

  /** Nearest-rank percentile of sorted values; NaN when there are none. */
  static double percentile(double[] sorted, double quantile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  void round(String label, RestartRound round, List<RestartRound.Recovery> viewers) {
    double[] media = values(viewers, RestartRound.Recovery::mediaMs);
    long within = Arrays.stream(media).filter(v -> v <= GOAL_MS).count();
    line(
        "%s: hub down %.0f ms (SIGKILL -> first healthy answer; new JVM -> health %.0f ms),"
            + " health at epoch ms %d",
        label, round.downMillis(), round.startMillis(), round.healthyWall());
    line(
        "  streaming again (health -> first verified MEDIA chunk), %d viewers: min %.0f, median"
            + " %.0f, p90 %.0f, max %.0f ms; within %.0f s: %d of %d; never: %d",
        viewers.size(),
        percentile(media, 0),
        percentile(media, 0.5),
        percentile(media, 0.9),
        percentile(media, 1),
        GOAL_MS / 1000,
        within,
        viewers.size(),
        viewers.size() - media.length);
    out.println("  where the time went (ms after health; median / p90 / max over viewers):");
    step(viewers, "first attempt after health", RestartRound.Recovery::firstTryMs);
    step(viewers, "session answered (201)", RestartRound.Recovery::sessionMs);
    step(viewers, "WebSocket open", RestartRound.Recovery::socketMs);
    step(viewers, "first INIT chunk", RestartRound.Recovery::initMs);
    step(viewers, "first MEDIA chunk", RestartRound.Recovery::mediaMs);
    step(viewers, "MEDIA - socket open", r -> r.mediaMs() - r.socketMs());
    step(viewers, "attempts since the kill", RestartRound.Recovery::attemptsSinceKill);
    viewers.stream()
        .sorted(
            java.util.Comparator.comparingDouble(
                (RestartRound.Recovery r) -> Double.isNaN(r.mediaMs()) ? 1e12 : r.mediaMs()))
        .skip(Math.max(0, viewers.size() - 3))
        .forEach(
            r -> line("  slowest, tile %d, attempts (ms after health):%s", r.tile(), r.trace()));
  }

  private void step(
      List<RestartRound.Recovery> viewers, String name, ToDoubleFunction<RestartRound.Recovery> f) {
    double[] v = values(viewers, f);
    line(
        "    %-28s %8.0f %8.0f %8.0f  (%d)",
        name, percentile(v, 0.5), percentile(v, 0.9), percentile(v, 1), v.length);
  }

  void line(String format, Object... args) {
    out.println(String.format(Locale.ROOT, format, args));
  }
}
