package io.hearth.runtime.stream;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSink;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.testing.BaseViewer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load driver for the {@link Switchboard}: synthetic cameras, each on its own event-loop context
 * like a network adapter, emit H.264-shaped frames at a fixed rate (keyframe every second) to
 * viewers that accept at once. Prints the fan-out latency from a source's {@code sink.frame} call
 * to each viewer's {@code deliver}, and the frames delivered per second.
 *
 * <p>Arguments, all optional: seconds (10), frames per second per camera (30), cameras (4), viewers
 * per camera (8).
 */
public final class SwitchboardBenchmark {
  private static final int RING = 4096;

  private final int seconds;
  private final int fps;
  private final int cameras;
  private final int viewersPerCamera;
  private final long[] latencies;
  private int samples;
  private volatile boolean measuring;

  private SwitchboardBenchmark(int seconds, int fps, int cameras, int viewersPerCamera) {
    this.seconds = seconds;
    this.fps = fps;
    this.cameras = cameras;
    this.viewersPerCamera = viewersPerCamera;
    this.latencies =
        new long
            [(int) Math.min(50_000_000L, 2L * seconds * fps * cameras * viewersPerCamera + 1000)];
  }

  public static void main(String[] args) throws Exception {
    int[] a = {10, 30, 4, 8};
    for (int i = 0; i < Math.min(args.length, a.length); i++) {
      a[i] = Integer.parseInt(args[i]);
    }
    new SwitchboardBenchmark(a[0], a[1], a[2], a[3]).run();
  }

  private void run() throws Exception {
    Vertx vertx = Vertx.vertx();
    MediaSources sources = new MediaSources();
    sources.register(new SyntheticFactory());
    Switchboard switchboard = new Switchboard(vertx, sources, new SwitchboardOptions());
    for (int c = 0; c < cameras; c++) {
      Camera camera =
          new Camera("cam" + c, "Camera " + c, URI.create("synthetic://cam" + c), null, null);
      for (int v = 0; v < viewersPerCamera; v++) {
        await(switchboard.subscribe(camera, new TimingViewer(camera.id())));
      }
    }
    Thread.sleep(2000); // warm-up
    long start = System.nanoTime();
    measuring = true;
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    measuring = false;
    long elapsed = System.nanoTime() - start;
    Thread.sleep(100);
    report(elapsed, switchboard);
    await(switchboard.close());
    await(vertx.close());
  }

  private void report(long elapsedNanos, Switchboard switchboard) {
    long[] sorted = Arrays.copyOf(latencies, samples);
    Arrays.sort(sorted);
    double secondsElapsed = elapsedNanos / 1e9;
    long skipped = 0;
    for (int c = 0; c < cameras; c++) {
      skipped += switchboard.stats("cam" + c).map(FeedStats::framesSkipped).orElse(0L);
    }
    System.out.printf(
        Locale.ROOT,
        "%d cameras x %d fps -> %d viewers each, %d s: %d deliveries, %.0f frames/s delivered"
            + " (%.0f in); fan-out latency p50 %.1f us, p99 %.1f us, max %.1f us; skipped %d,"
            + " misrouted %d; %d cores, load average %.1f%n",
        cameras,
        fps,
        viewersPerCamera,
        seconds,
        samples,
        samples / secondsElapsed,
        samples / secondsElapsed / viewersPerCamera,
        percentile(sorted, 0.50) / 1e3,
        percentile(sorted, 0.99) / 1e3,
        (sorted.length == 0 ? 0 : sorted[sorted.length - 1]) / 1e3,
        skipped,
        switchboard.misroutedFrames(),
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static long percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)];
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Emit times by frame sequence number, per camera; read on the switchboard's context. */
  private final java.util.Map<String, AtomicLongArray> emitted =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Records latency; called on the switchboard's context only, so the array needs no lock. */
  private final class TimingViewer extends BaseViewer {
    private final AtomicLongArray ring;

    TimingViewer(String cameraId) {
      super(cameraId);
      this.ring = emitted.computeIfAbsent(cameraId, id -> new AtomicLongArray(RING));
    }

    @Override
    public void deliver(MediaFrame frame) {
      long now = System.nanoTime();
      if (measuring && samples < latencies.length) {
        latencies[samples++] = now - ring.get((int) (frame.timestamp90k() / 3000 % RING));
      }
    }
  }

  private final class SyntheticFactory implements MediaSourceFactory {
    @Override
    public String protocol() {
      return "synthetic";
    }

    @Override
    public boolean handles(URI url) {
      return "synthetic".equals(url.getScheme());
    }

    @Override
    public MediaSource create(Vertx vertx, Camera camera) {
      return new SyntheticSource(vertx, camera.id());
    }
  }

  /** A camera on its own context: 30 KB keyframes once a second, 4 KB frames between. */
  private final class SyntheticSource implements MediaSource {
    private final Vertx vertx;
    private final String cameraId;
    private final Context context;
    private final AtomicLongArray ring;
    private long timer = -1;
    private long sequence;

    SyntheticSource(Vertx vertx, String cameraId) {
      this.vertx = vertx;
      this.cameraId = cameraId;
      // Its own event loop, like a network adapter's connection (getOrCreateContext would give
      // the switchboard's, since create is called there).
      this.context = ((io.vertx.core.internal.VertxInternal) vertx).createEventLoopContext();
      this.ring = emitted.computeIfAbsent(cameraId, id -> new AtomicLongArray(RING));
    }

    @Override
    public Future<Void> open(MediaSink sink) {
      long periodMicros = Math.max(1000, 1_000_000 / fps);
      context.runOnContext(v -> timer = vertx.setPeriodic(periodMicros / 1000, id -> emit(sink)));
      return Future.succeededFuture();
    }

    private void emit(MediaSink sink) {
      boolean key = sequence % fps == 0;
      MediaFrame frame = Frames.h264(cameraId, sequence * 3000, key, key ? 30_000 : 4_000);
      ring.set((int) (sequence % RING), System.nanoTime());
      sequence++;
      sink.frame(frame);
    }

    @Override
    public Future<Void> close() {
      context.runOnContext(v -> vertx.cancelTimer(timer));
      return Future.succeededFuture();
    }
  }
}
