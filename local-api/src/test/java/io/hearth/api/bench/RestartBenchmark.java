package io.hearth.api.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints issue 11's recovery figure (finding 9): {@code bench.viewers} paired displays (112) over
 * {@code bench.cameras} GStreamer RTSP cameras (4), all streaming; the hub is killed with SIGKILL
 * and started again on the same data directory and port, {@code bench.rounds} times (3); for every
 * display, the time from the hub's first healthy answer to its first verified MEDIA chunk, and
 * where that time went. Goal: every viewer within 3 s. Run from the repository root; see
 * docs/benchmarks.md.
 */
public final class RestartBenchmark {
  private static final int VIEWERS = Integer.getInteger("bench.viewers", 112);
  private static final int CAMERAS = Integer.getInteger("bench.cameras", 4);
  private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

  /** systemd's RestartSec in packaging/deb/src/deb/hearth.service. */
  private static final long RESTART_MS = Long.getLong("bench.restart-ms", 5000);

  private RestartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Machine.benchDirectory();
    RestartReport report = new RestartReport(System.out);
    report.line("Hearth restart benchmark (issue 11, finding 9)");
    report.line("machine: %s; load average before %s", Machine.describe(), Machine.loadAverage());
    report.line(
        "%d displays over %d GStreamer RTSP cameras (H.264 320x240, 15 fps, GOP 15), one tile"
            + " each, reconnecting as the display page does; %d SIGKILL restarts, each started"
            + " again %d ms after the kill (RestartSec of the Debian unit)",
        VIEWERS, CAMERAS, ROUNDS, RESTART_MS);
    List<RestartRound.Recovery> all = new ArrayList<>();
    try (RestartStorm storm = RestartStorm.start(work, CAMERAS, VIEWERS, List.of())) {
      storm.awaitStreaming(0, Duration.ofSeconds(120));
      for (int round = 1; round <= ROUNDS; round++) {
        Thread.sleep(3000); // let every viewer settle into its stream
        RestartRound result =
            storm.restart(
                RestartStorm.StoreEdit.NONE,
                Duration.ofMillis(RESTART_MS),
                tile -> false,
                Duration.ofSeconds(90));
        report.round("restart " + round, result, result.recoveries());
        all.addAll(result.recoveries());
        long rejected = storm.tiles().stream().mapToLong(DisplayTile::rejectedChunks).sum();
        report.line("  chunks failing verification so far: %d", rejected);
      }
    }
    double[] media = RestartReport.values(all, RestartRound.Recovery::mediaMs);
    report.line(
        "all rounds, %d viewer recoveries: median %.0f, p90 %.0f, max %.0f ms; within 3 s: %d;"
            + " load average after %s; hub log %s",
        all.size(),
        RestartReport.percentile(media, 0.5),
        RestartReport.percentile(media, 0.9),
        RestartReport.percentile(media, 1),
        java.util.Arrays.stream(media).filter(v -> v <= RestartReport.GOAL_MS).count(),
        Machine.loadAverage(),
        work.resolve("hub.log"));
  }
}
