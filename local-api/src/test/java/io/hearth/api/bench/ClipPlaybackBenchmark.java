package io.hearth.api.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a long recording's playback needs on the box: a hub in its own JVM with the systemd
 * unit's {@code HEARTH_JAVA_OPTS} (or {@code -Dbench.hub-jvm-args}; a GC log is added either way)
 * and 2 s segments ({@code bench.segment-s}) records one scripted 1080p30 RTSP camera (about 6
 * Mbit/s) continuously for {@code bench.record-s} seconds, stops recording, then {@code
 * bench.viewers} viewers play the whole range at once (one playback session each, every chunk
 * unsealed) for up to {@code bench.play-s} seconds. Prints the hub's heap (jcmd and the GC log),
 * RSS and whether it is alive every {@code bench.sample-s} seconds; at the end what each viewer got
 * and, if the hub died, its exit code and the log's OutOfMemoryError lines. Asserts nothing.
 * Loopback only. See docs/benchmarks.md.
 */
public final class ClipPlaybackBenchmark {
  private final BenchHub hub;
  private final FootprintSampler sampler;
  private final GcLog gc;
  private final long every = Long.getLong("bench.sample-s", 5);
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+) MB");
  private long largestHeapUsedMb;

  private ClipPlaybackBenchmark(BenchHub hub, GcLog gc) {
    this.hub = hub;
    this.sampler = new FootprintSampler(hub.process());
    this.gc = gc;
  }

  public static void main(String[] args) throws Exception {
    Path bench = Machine.benchDirectory().toAbsolutePath();
    Path dir = bench.resolve("clip-playback");
    Files.createDirectories(dir);
    Path gcLog = dir.resolve("hub-gc.log");
    Files.deleteIfExists(gcLog);
    String jvm = System.getProperty("bench.hub-jvm-args", FootprintBenchmark.unitJavaOptions());
    System.setProperty("bench.hub-jvm-args", jvm + " -Xlog:gc:file=" + gcLog);
    System.out.println("machine: " + Machine.describe() + "; load " + Machine.loadAverage());
    System.out.println("hub JVM options: " + System.getProperty("bench.hub-jvm-args"));
    H264Clip clip = H264Clip.prepare(bench);
    int segmentSeconds = Integer.getInteger("bench.segment-s", 2);
    System.out.printf(
        Locale.ROOT,
        "camera: 1080p30 H.264 clip, %.1f Mbit/s; recording.segment-seconds=%d%n",
        clip.megabitsPerSecond(),
        segmentSeconds);
    Vertx vertx = Vertx.vertx();
    try (ClipRtspCamera camera = ClipRtspCamera.start(clip);
        BenchHub hub =
            BenchHub.start(
                Files.createTempDirectory(dir, "data"),
                dir.resolve("hub.log"),
                List.of(
                    "recording.segment-seconds=" + segmentSeconds,
                    "recording.motion-threshold=0",
                    "restream.port=0",
                    "restream.tls-port=0"))) {
      new ClipPlaybackBenchmark(hub, new GcLog(gcLog))
          .run(camera, vertx.createWebSocketClient(), dir.resolve("hub.log"));
    } finally {
      vertx.close();
    }
    System.exit(0);
  }

  private void run(ClipRtspCamera camera, WebSocketClient ws, Path log) throws Exception {
    Thread.sleep(3_000);
    System.out.println("idle hub: " + sample());
    String id = hub.addCamera("Porch", camera.url("porch"));
    long from = System.currentTimeMillis() - 1_000;
    mode(id, "continuous");
    long recordS = Long.getLong("bench.record-s", 150);
    System.out.println("recording " + recordS + " s:");
    for (long t = every; t <= recordS; t += every) {
      Thread.sleep(every * 1000);
      if (t % 30 == 0 || t + every > recordS) {
        System.out.printf(Locale.ROOT, "  t=%3d s: %s%n", t, sample());
      }
    }
    mode(id, "off");
    Thread.sleep(4_000); // the segment being written is closed and indexed
    long to = System.currentTimeMillis();
    range(id, from, to);
    System.out.println("recording off, before playback: " + sample());
    int count = Integer.getInteger("bench.viewers", 3);
    String path = "/api/v1/cameras/" + id + "/recordings/sessions?from=" + from + "&to=" + to;
    List<PlaybackViewer> viewers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      try {
        JsonObject session = hub.asOwner("POST", path, null);
        viewers.add(PlaybackViewer.connect(ws, hub.httpPort(), session));
      } catch (Exception e) {
        System.out.println("viewer " + i + " could not start: " + e.getMessage());
      }
    }
    play(viewers);
    report(viewers, log);
    viewers.forEach(PlaybackViewer::close);
  }

  private void mode(String id, String mode) throws Exception {
    hub.asOwner("PUT", "/api/v1/cameras/" + id + "/recording", new JsonObject().put("mode", mode));
  }

  private void range(String id, long from, long to) throws Exception {
    JsonObject listed =
        hub.asOwner(
            "GET",
            "/api/v1/cameras/" + id + "/recordings?limit=500&from=" + from + "&to=" + to,
            null);
    JsonArray segments = listed.getJsonArray("segments");
    long bytes = segments.stream().mapToLong(o -> ((JsonObject) o).getLong("bytes")).sum();
    System.out.printf(
        Locale.ROOT,
        "range: %d segments, %.1f MB stored (sealed), %d s; played by %s viewer(s) at once%n",
        segments.size(),
        bytes / 1e6,
        (to - from) / 1000,
        Integer.getInteger("bench.viewers", 3));
  }

  private void play(List<PlaybackViewer> viewers) throws InterruptedException {
    long playS = Long.getLong("bench.play-s", 60);
    System.out.println("playing (at most " + playS + " s):");
    for (long t = every; t <= playS; t += every) {
      Thread.sleep(every * 1000);
      System.out.printf(
          Locale.ROOT,
          "  t=%3d s: %s; viewers: %d MEDIA chunks, %.1f MB%n",
          t,
          sample(),
          viewers.stream().mapToLong(PlaybackViewer::mediaChunks).sum(),
          viewers.stream().mapToLong(PlaybackViewer::mediaBytes).sum() / 1e6);
      if (hub.exitCode().isPresent() || viewers.stream().allMatch(PlaybackViewer::over)) {
        Thread.sleep(1_000); // let the viewers see the close
        break;
      }
    }
  }

  /** Alive or not, RSS, heap by jcmd, the GC log since the last sample, the load. */
  private String sample() {
    OptionalInt exit = hub.exitCode();
    if (exit.isPresent()) {
      return "hub EXITED with " + exit.getAsInt() + "; " + gc.since() + "; load " + load();
    }
    String heap = sampler.heap();
    Matcher used = HEAP_USED.matcher(heap);
    if (used.find()) {
      largestHeapUsedMb = Math.max(largestHeapUsedMb, Long.parseLong(used.group(1)));
    }
    return "hub alive, "
        + sampler.sample().replaceFirst(", fds.*", "")
        + ", "
        + heap.replaceFirst(", metaspace.*", "")
        + "; "
        + gc.since()
        + "; load "
        + load();
  }

  private static String load() {
    return Machine.loadAverage();
  }

  private void report(List<PlaybackViewer> viewers, Path log) throws IOException {
    for (int i = 0; i < viewers.size(); i++) {
      System.out.println("viewer " + i + ": " + viewers.get(i).describe());
    }
    System.out.printf(
        Locale.ROOT,
        "hub heap: largest used sampled by jcmd %d MB; GC log over the run: %s%n",
        largestHeapUsedMb,
        gc.overall());
    System.out.printf(Locale.ROOT, "hub RSS: largest sampled %d MB%n", sampler.maxRssKb / 1024);
    OptionalInt exit = hub.exitCode();
    if (exit.isEmpty()) {
      System.out.println("hub: still running at the end");
      return;
    }
    System.out.println("hub: DIED, exit code " + exit.getAsInt() + "; its log says:");
    List<String> lines = Files.readAllLines(log);
    List<String> oom = lines.stream().filter(l -> l.contains("OutOfMemoryError")).toList();
    List<String> shown = oom.isEmpty() ? lines : oom;
    shown
        .subList(Math.max(0, shown.size() - 5), shown.size())
        .forEach(l -> System.out.println("  | " + l));
    if (oom.isEmpty()) {
      System.out.println("  (no line mentions OutOfMemoryError; the last lines are above)");
    }
  }

  /**
   * The hub's {@code -Xlog:gc} file: heap after each collection and the heap's committed size, read
   * as it grows. After-GC is what the hub really holds; a sample by jcmd also counts garbage.
   */
  private static final class GcLog {
    private static final Pattern PAUSE =
        Pattern.compile("Pause (\\w+).*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private final Path file;
    private long read;
    private long collections;
    private long full;
    private long maxAfter;
    private long maxAfterFull;
    private long maxCommitted;

    GcLog(Path file) {
      this.file = file;
    }

    /**
     * Collections since the last call, the largest heap after one, after a full one (all the hub
     * still held), and the largest committed.
     */
    synchronized String since() {
      long n = 0;
      long fulls = 0;
      long after = 0;
      long afterFull = 0;
      long committed = 0;
      try {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        for (String line : lines.subList((int) Math.min(read, lines.size()), lines.size())) {
          Matcher m = PAUSE.matcher(line);
          if (m.find()) {
            n++;
            after = Math.max(after, Long.parseLong(m.group(3)));
            committed = Math.max(committed, Long.parseLong(m.group(4)));
            if (m.group(1).equals("Full")) {
              fulls++;
              afterFull = Math.max(afterFull, Long.parseLong(m.group(3)));
            }
          }
        }
        read = lines.size();
      } catch (IOException e) {
        return "GC log unreadable (" + e.getMessage() + ")";
      }
      collections += n;
      full += fulls;
      maxAfter = Math.max(maxAfter, after);
      maxAfterFull = Math.max(maxAfterFull, afterFull);
      maxCommitted = Math.max(maxCommitted, committed);
      return n == 0
          ? "no GC"
          : String.format(
              Locale.ROOT,
              "%d GCs, after GC ≤ %d MB%s, committed ≤ %d MB",
              n,
              after,
              fulls == 0 ? "" : " (after " + fulls + " full ≤ " + afterFull + " MB)",
              committed);
    }

    synchronized String overall() {
      since();
      return String.format(
          Locale.ROOT,
          "%d collections (%d full), largest heap after a collection %d MB, after a full one %d MB,"
              + " largest committed %d MB",
          collections,
          full,
          maxAfter,
          maxAfterFull,
          maxCommitted);
    }
  }
}
