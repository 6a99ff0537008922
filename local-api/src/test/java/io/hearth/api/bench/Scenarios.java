package io.hearth.api.bench;

import io.vertx.core.http.WebSocketClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configurations of issue 3, each against the same hub and scripted camera: 1 camera to 1
 * viewer (with first-frame joins), 4 cameras to 8 displays that each watch all 4, and ffmpeg's
 * remux of the same streams as the reference.
 */
final class Scenarios {
  static final int JOINS = 20;
  static final int DISPLAYS = 8;
  static final int GRID = 4;

  private final BenchHub hub;
  private final ScriptedCamera camera;
  private final WebSocketClient client;
  private final StreamWindow window;
  private final Path work;
  private final CpuMeter hubCpu;

  Scenarios(
      BenchHub hub, ScriptedCamera camera, WebSocketClient client, StreamWindow window, Path work) {
    this.hub = hub;
    this.camera = camera;
    this.client = client;
    this.window = window;
    this.work = work;
    this.hubCpu = new CpuMeter(List.of(hub.process()));
  }

  /**
   * The hub's own CPU-seconds per second with no camera and no viewer, measured after the streaming
   * runs (cameras deleted, JIT settled) so that start-up work is not counted.
   */
  double idleCpu(long millis) throws InterruptedException {
    Thread.sleep(2_000);
    hubCpu.start();
    Thread.sleep(millis);
    return hubCpu.perStream(1);
  }

  /** 1 camera, 1 viewer; then {@link #JOINS} new viewers one after another, as first frames. */
  OneToOne oneToOne() throws Exception {
    String id = hub.addCamera("bench one", camera.url("one"));
    SendLog log = camera.log("one");
    long opened = System.nanoTime();
    try (BenchViewer viewer = join(hub.ownerToken(), id, log)) {
      double coldMillis = (viewer.awaitFirstMedia(15_000) - opened) / 1e6;
      // The hub's JIT is cold for the first configuration: give it two extra warm-ups.
      window.warmUp();
      window.warmUp();
      StreamFigures figures = window.measure("1 camera x 1 viewer", 1, List.of(viewer), hubCpu);
      List<Long> joins = new ArrayList<>();
      for (int i = 0; i < JOINS; i++) {
        long start = System.nanoTime();
        try (BenchViewer joiner = join(hub.ownerToken(), id, log)) {
          joins.add(joiner.awaitFirstMedia(5_000) - start);
        }
        Thread.sleep(200);
      }
      return new OneToOne(figures, coldMillis, Percentiles.ofNanos(joins), joins);
    } finally {
      hub.deleteCamera(id);
    }
  }

  /** Results of {@link #oneToOne}; first-frame times in nanoseconds. */
  record OneToOne(
      StreamFigures figures,
      double coldFirstFrameMillis,
      Percentiles joins,
      List<Long> joinNanos) {}

  /** 4 cameras; 8 paired displays each watch all 4: 32 sessions, 8 per camera. */
  StreamFigures fourCamerasEightViewers() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < GRID; k++) {
      ids.add(hub.addCamera("bench grid " + k, camera.url("grid-" + k)));
    }
    List<BenchViewer> viewers = new ArrayList<>();
    try {
      for (int d = 0; d < DISPLAYS; d++) {
        String token = hub.pairDisplay("bench display " + d, ids);
        for (int k = 0; k < GRID; k++) {
          viewers.add(join(token, ids.get(k), camera.log("grid-" + k)));
        }
      }
      String label = GRID + " cameras x " + DISPLAYS + " viewers";
      return window.measure(label, GRID, viewers, hubCpu);
    } finally {
      viewers.forEach(BenchViewer::close);
      for (String id : ids) {
        hub.deleteCamera(id);
      }
    }
  }

  /** ffmpeg -c copy of {@code streams} camera streams at once; CPU-seconds per second each. */
  FfmpegFigures ffmpeg(int streams) throws Exception {
    List<FfmpegRemux> remuxes = new ArrayList<>();
    try {
      for (int k = 0; k < streams; k++) {
        String url = camera.url("ffmpeg-" + streams + "-" + k);
        remuxes.add(FfmpegRemux.start(url, work.resolve("ffmpeg.log")));
      }
      CpuMeter cpu = new CpuMeter(remuxes.stream().map(FfmpegRemux::process).toList());
      long before = remuxes.stream().mapToLong(FfmpegRemux::bytesOut).sum();
      double perStream = window.measureCpu(cpu, streams);
      long after = remuxes.stream().mapToLong(FfmpegRemux::bytesOut).sum();
      if (!remuxes.stream().allMatch(FfmpegRemux::alive) || after == before) {
        throw new IllegalStateException("ffmpeg stopped early; see " + work.resolve("ffmpeg.log"));
      }
      return new FfmpegFigures(streams, perStream, after);
    } finally {
      for (FfmpegRemux remux : remuxes) {
        remux.close();
      }
    }
  }

  /** ffmpeg's CPU-seconds per second per stream, and the fMP4 bytes it wrote in all. */
  record FfmpegFigures(int streams, double cpuPerStream, long bytesOut) {}

  private BenchViewer join(String token, String cameraId, SendLog log) throws Exception {
    return BenchViewer.connect(client, hub.httpPort(), hub.openSession(token, cameraId), log);
  }
}
