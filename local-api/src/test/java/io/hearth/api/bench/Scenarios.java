package io.hearth.api.bench;

import io.vertx.core.http.WebSocketClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The configurations of issue 3, each against the same hub and scripted camera: an optional
 * settling stream, 1 camera to 1 viewer (with first-frame joins), 4 cameras to 8 displays that each
 * watch all 4, first viewers of fresh cameras on the warm hub, and ffmpeg's remux of the same
 * streams, to a pipe and to a TCP socket, as the reference.
 */
final class Scenarios {
  static final int JOINS = 20;
  static final int IDLE_CAMERAS = 5;
  static final int DISPLAYS = 8;
  static final int GRID = 4;

  private final BenchHub hub;
  private final ClipRtspCamera camera;
  private final WebSocketClient client;
  private final StreamWindow window;
  private final Path work;
  private final CpuMeter hubCpu;

  Scenarios(
      BenchHub hub, ClipRtspCamera camera, WebSocketClient client, StreamWindow window, Path work) {
    this.hub = hub;
    this.camera = camera;
    this.client = client;
    this.window = window;
    this.work = work;
    this.hubCpu = new CpuMeter(List.of(hub.process()));
  }

  /**
   * The hub's own CPU-seconds per second with no camera and no viewer, over {@code millis} from 2 s
   * after the call (the last camera deleted). Measured twice: right after the settling stream,
   * before any configuration, and after the streaming runs, where start-up work is over; the latter
   * is taken off for the marginal cost per stream.
   */
  double idleCpu(long millis) throws InterruptedException {
    Thread.sleep(2_000);
    hubCpu.start();
    Thread.sleep(millis);
    return hubCpu.perStream(1);
  }

  /**
   * Streams one camera to one viewer (the owner) for {@code millis} and then deletes the camera;
   * nothing of it is measured. Run right after the hub starts so that its JIT compiler has settled
   * (a hub runs for months) before the configurations are measured.
   */
  Settled settle(long millis) throws Exception {
    if (millis <= 0) {
      return new Settled(0, 0, 0, 0);
    }
    String id = hub.addCamera("bench settle", camera.url("settle"));
    long opened = System.nanoTime();
    try (BenchViewer viewer = join(hub.ownerToken(), id, camera.log("settle"))) {
      long firstFrame = viewer.awaitFirstMedia(15_000) - opened;
      long from = System.nanoTime();
      Thread.sleep(millis);
      long to = System.nanoTime();
      Thread.sleep(500); // the last frames are still on their way
      return new Settled(
          firstFrame,
          viewer.expected(from, to),
          viewer.latencies(from, to).size(),
          viewer.rejected());
    } finally {
      hub.deleteCamera(id);
    }
  }

  /**
   * What the settling stream did: its first frame (ns; the run's first camera on a cold hub, 0 if
   * there was no settling stream), frames sent, frames received and chunks rejected while settling.
   */
  record Settled(long firstFrameNanos, long sent, long received, long rejected) {}

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

  /**
   * 1 camera x 1 viewer once more, after the other configurations: the same stream measured later
   * in the hub's life, to tell a per-stream cost from the JIT compiler's tail in the first window.
   */
  StreamFigures oneToOneAgain() throws Exception {
    String id = hub.addCamera("bench one again", camera.url("one-again"));
    try (BenchViewer viewer = join(hub.ownerToken(), id, camera.log("one-again"))) {
      viewer.awaitFirstMedia(15_000);
      return window.measure("1 camera x 1 viewer, later", 1, List.of(viewer), hubCpu);
    } finally {
      hub.deleteCamera(id);
    }
  }

  /**
   * 4 cameras, one viewer each (the owner): the hub's like-for-like of ffmpeg remuxing 4 streams,
   * with four times the CPU signal of 1 camera x 1 viewer.
   */
  StreamFigures fourCamerasOneViewerEach() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int k = 0; k < GRID; k++) {
      ids.add(hub.addCamera("bench solo " + k, camera.url("solo-" + k)));
    }
    List<BenchViewer> viewers = new ArrayList<>();
    try {
      for (int k = 0; k < GRID; k++) {
        viewers.add(join(hub.ownerToken(), ids.get(k), camera.log("solo-" + k)));
      }
      return window.measure(GRID + " cameras x 1 viewer", GRID, viewers, hubCpu);
    } finally {
      viewers.forEach(BenchViewer::close);
      for (String id : ids) {
        hub.deleteCamera(id);
      }
    }
  }

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

  /**
   * The first viewer of an idle camera on a warm hub (after the streaming configurations): {@link
   * #IDLE_CAMERAS} times, a fresh camera (a new path on the scripted camera) is added, one session
   * is opened on it and timed from POST .../sessions to its first MEDIA chunk, and the camera is
   * deleted. Nanoseconds.
   */
  List<Long> idleCameraFirstFrames() throws Exception {
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < IDLE_CAMERAS; i++) {
      String path = "idle-warm-" + i;
      String id = hub.addCamera("bench idle " + i, camera.url(path));
      try {
        long start = System.nanoTime();
        try (BenchViewer viewer = join(hub.ownerToken(), id, camera.log(path))) {
          times.add(viewer.awaitFirstMedia(15_000) - start);
        }
      } finally {
        hub.deleteCamera(id);
      }
      Thread.sleep(1_000);
    }
    return times;
  }

  /**
   * ffmpeg -c copy of {@code streams} camera streams at once, each writing to {@code output};
   * CPU-seconds per second each. Fails unless every ffmpeg is still running and wrote bytes that
   * the benchmark read during the window.
   */
  FfmpegFigures ffmpeg(int streams, FfmpegRemux.Output output) throws Exception {
    Path log = work.resolve("ffmpeg.log");
    List<FfmpegRemux> remuxes = new ArrayList<>();
    try {
      for (int k = 0; k < streams; k++) {
        String path = "ffmpeg-" + output.name().toLowerCase(Locale.ROOT) + "-" + streams + "-" + k;
        remuxes.add(FfmpegRemux.start(camera.url(path), output, log));
      }
      CpuMeter cpu = new CpuMeter(remuxes.stream().map(FfmpegRemux::process).toList());
      window.warmUp();
      long[] before = remuxes.stream().mapToLong(FfmpegRemux::bytesOut).toArray();
      long from = System.nanoTime();
      double perStream = window.measureCpuNow(cpu, streams);
      long to = System.nanoTime();
      long[] after = remuxes.stream().mapToLong(FfmpegRemux::bytesOut).toArray();
      long bytes = 0;
      for (int k = 0; k < streams; k++) {
        if (!remuxes.get(k).alive() || after[k] <= before[k]) {
          throw new IllegalStateException(
              "ffmpeg -> " + output.label() + " #" + k + " stopped or wrote nothing; see " + log);
        }
        bytes += after[k] - before[k];
      }
      return new FfmpegFigures(output, streams, perStream, bytes, (to - from) / 1e9);
    } finally {
      for (FfmpegRemux remux : remuxes) {
        remux.close();
      }
    }
  }

  /**
   * ffmpeg's CPU-seconds per second per stream, and the fMP4 bytes the benchmark read from all its
   * outputs during the window of {@code windowSeconds}.
   */
  record FfmpegFigures(
      FfmpegRemux.Output output,
      int streams,
      double cpuPerStream,
      long bytesInWindow,
      double windowSeconds) {
    /** fMP4 read per stream, in Mbit/s: near the clip's bit rate if ffmpeg kept up. */
    double megabitsPerStream() {
      return bytesInWindow * 8 / windowSeconds / streams / 1e6;
    }
  }

  private BenchViewer join(String token, String cameraId, SendLog log) throws Exception {
    return BenchViewer.connect(client, hub.httpPort(), hub.openSession(token, cameraId), log);
  }
}
