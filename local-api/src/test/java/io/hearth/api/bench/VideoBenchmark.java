package io.hearth.api.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints issue 3's live-video figures: hub-added latency (p50/p99/max) for 1 camera x 1 viewer and
 * 4 cameras x 8 viewers, first-frame time for a new viewer and for the first viewer of an idle
 * camera (cold and warm hub), and hub CPU per 1080p stream, in total and net of the hub's idle,
 * next to {@code ffmpeg -c copy} remuxing the same streams in the same run to a pipe and to a
 * loopback TCP socket. {@code -Dbench.settle-ms} lets the hub stream for a while before anything is
 * measured, so that its JIT has settled. Loopback only; about three minutes plus the settle time.
 * Run from the repository root; see docs/benchmarks.md.
 */
public final class VideoBenchmark {
  private static final long WARM_UP_MS = Long.getLong("bench.warmup-ms", 5_000);
  private static final long WINDOW_MS = Long.getLong("bench.window-ms", 15_000);
  private static final long SETTLE_MS = Long.getLong("bench.settle-ms", 0);

  private VideoBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Machine.benchDirectory();
    H264Clip clip = H264Clip.prepare(work);
    Report report = new Report(System.out);
    String loadBefore = Machine.loadAverage();
    report.header(Machine.describe(), clip, WARM_UP_MS, WINDOW_MS, SETTLE_MS);
    Vertx vertx = Vertx.vertx();
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(1 << 24).setMaxMessageSize(1 << 24));
    Path data = Files.createTempDirectory(work, "hub-");
    try (ClipRtspCamera camera = ClipRtspCamera.start(clip);
        BenchHub hub = BenchHub.start(data, work.resolve("hub.log"))) {
      Scenarios scenarios =
          new Scenarios(hub, camera, client, new StreamWindow(WARM_UP_MS, WINDOW_MS), work);
      Scenarios.Settled settled = scenarios.settle(SETTLE_MS);
      double idleAfterSettle = scenarios.idleCpu(WARM_UP_MS);
      report.settled(SETTLE_MS, settled, idleAfterSettle);
      Scenarios.OneToOne one = scenarios.oneToOne();
      StreamFigures solo = scenarios.fourCamerasOneViewerEach();
      StreamFigures grid = scenarios.fourCamerasEightViewers();
      StreamFigures oneAgain = scenarios.oneToOneAgain();
      double idle = scenarios.idleCpu(WARM_UP_MS);
      List<Long> idleCamera = scenarios.idleCameraFirstFrames();
      Scenarios.FfmpegFigures pipeOne = scenarios.ffmpeg(1, FfmpegRemux.Output.PIPE);
      Scenarios.FfmpegFigures pipeGrid = scenarios.ffmpeg(Scenarios.GRID, FfmpegRemux.Output.PIPE);
      Scenarios.FfmpegFigures tcpOne = scenarios.ffmpeg(1, FfmpegRemux.Output.TCP);
      Scenarios.FfmpegFigures tcpGrid = scenarios.ffmpeg(Scenarios.GRID, FfmpegRemux.Output.TCP);
      report.streams(
          one.figures(),
          solo,
          grid,
          oneAgain,
          List.of(pipeOne, pipeGrid, tcpOne, tcpGrid),
          idleAfterSettle,
          idle);
      report.firstFrame(one, grid, settled, idleCamera);
      report.targets(
          one.figures(),
          oneAgain,
          solo,
          grid,
          one,
          idleCamera,
          idle,
          pipeOne,
          tcpOne,
          pipeGrid,
          tcpGrid);
      System.out.println();
      System.out.println(
          "load average (1 min) before "
              + loadBefore
              + ", after "
              + Machine.loadAverage()
              + "; hub log "
              + work.resolve("hub.log"));
    } finally {
      vertx.close().await();
    }
  }
}
