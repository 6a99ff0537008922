package io.hearth.api.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints issue 3's live-video figures: hub-added latency (p50/p99/max) for 1 camera x 1 viewer and
 * 4 cameras x 8 viewers, first-frame time for a new viewer, and hub CPU per 1080p stream next to
 * {@code ffmpeg -c copy} remuxing the same streams in the same run. Loopback only; about two
 * minutes. Run from the repository root; see docs/benchmarks.md.
 */
public final class VideoBenchmark {
  private static final long WARM_UP_MS = Long.getLong("bench.warmup-ms", 5_000);
  private static final long WINDOW_MS = Long.getLong("bench.window-ms", 15_000);

  private VideoBenchmark() {}

  public static void main(String[] args) throws Exception {
    // Two logback-test.xml files are on the test class path; logback's notice of it is noise here.
    System.setProperty(
        "logback.statusListenerClass", "ch.qos.logback.core.status.NopStatusListener");
    Path work = Path.of(System.getProperty("bench.dir", "local-api/target/bench"));
    Files.createDirectories(work);
    H264Clip clip = H264Clip.prepare(work);
    Report report = new Report(System.out);
    String loadBefore = Machine.loadAverage();
    report.header(Machine.describe(), clip, WARM_UP_MS, WINDOW_MS);
    Vertx vertx = Vertx.vertx();
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(1 << 24).setMaxMessageSize(1 << 24));
    Path data = Files.createTempDirectory(work, "hub-");
    try (ScriptedCamera camera = ScriptedCamera.start(clip);
        BenchHub hub = BenchHub.start(data, work.resolve("hub.log"))) {
      Scenarios scenarios =
          new Scenarios(hub, camera, client, new StreamWindow(WARM_UP_MS, WINDOW_MS), work);
      Scenarios.OneToOne one = scenarios.oneToOne();
      StreamFigures grid = scenarios.fourCamerasEightViewers();
      double idle = scenarios.idleCpu(WARM_UP_MS);
      Scenarios.FfmpegFigures ffmpegOne = scenarios.ffmpeg(1);
      Scenarios.FfmpegFigures ffmpegGrid = scenarios.ffmpeg(Scenarios.GRID);
      report.streams(one.figures(), grid, ffmpegOne, ffmpegGrid, idle);
      report.firstFrame(one, grid);
      report.targets(one.figures(), grid, one, ffmpegOne.cpuPerStream());
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
