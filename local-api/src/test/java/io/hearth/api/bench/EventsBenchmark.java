package io.hearth.api.bench;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.recording.CameraEvent;
import io.hearth.runtime.recording.RecordingMode;
import io.hearth.runtime.recording.RecordingSettings;
import io.hearth.runtime.recording.Recordings;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.CameraStore;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.stream.Switchboard;
import io.hearth.runtime.stream.SwitchboardOptions;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.GstCamera;
import io.hearth.runtime.testing.H264TestClip;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Camera events and recording, in figures: (1) CPU of the hub recording one 1080p25 GStreamer RTSP
 * camera without motion detection, against {@code ffmpeg -c copy -f segment} writing the same
 * stream in the same run, and storage per hour; (2) the same with motion detection on (the hub and
 * its detector's ffmpeg), the difference being detection's cost per camera; (3) motion-to-event
 * latency: a picture still 2 s and moving 2 s (libx264, 320x240, keyframe every 0.2 s) recorded on
 * events only, each event's start against the moment the picture began to move. Not a test.
 *
 * <p>Arguments: seconds measured per phase (default 30), seconds of the latency run (default 60).
 * {@code -Dbench.settle-ms} (default 5000): how long each hub records before its CPU is measured
 * (the JIT compiles the recording path over the first minute or so). Phase (1) also measures the
 * same hub once the camera is no longer recorded, so that recording's own cost can be told from the
 * hub's idle (timers, JIT, GC), and prints the hub's CPU by thread.
 */
public final class EventsBenchmark {
  private static final long SETTLE_MS = Long.getLong("bench.settle-ms", 5_000);

  private EventsBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    Path work = Machine.benchDirectory().resolve("events-" + System.currentTimeMillis());
    Files.createDirectories(work);
    System.out.println("machine: " + Machine.describe() + ", load " + Machine.loadAverage());
    try (GstCamera camera = GstCamera.builder().size(1920, 1080).fps(25).start()) {
      recordOnly(work, camera, seconds);
      withDetection(work, camera, seconds);
    }
    latency(work, latencySeconds);
    System.out.println("load after: " + Machine.loadAverage());
    System.exit(0);
  }

  private static void recordOnly(Path work, GstCamera camera, int seconds) throws Exception {
    try (BenchHub hub =
        BenchHub.start(
            work.resolve("hub1"),
            work.resolve("hub1.log"),
            List.of(
                "recording.motion-threshold=0",
                "recording.segment-seconds=10",
                "restream.port=0",
                "restream.tls-port=0"))) {
      String id = record(hub, camera);
      Path out = work.resolve("ffmpeg-segments");
      Files.createDirectories(out);
      Process ffmpeg = segmenter(camera.url(), out);
      Thread.sleep(SETTLE_MS);
      CpuMeter hubCpu = new CpuMeter(List.of(hub.process()));
      CpuMeter ffmpegCpu = new CpuMeter(List.of(ffmpeg.toHandle()));
      ThreadCpu threads = new ThreadCpu(hub.process());
      hubCpu.start();
      ffmpegCpu.start();
      threads.start();
      long from = System.currentTimeMillis();
      Thread.sleep(seconds * 1000L);
      double hubShare = hubCpu.perStream(1);
      double ffmpegShare = ffmpegCpu.perStream(1);
      String byThread = threads.shares();
      double jit = threads.share("C2 CompilerThre") + threads.share("C1 CompilerThre");
      long bytes = recordedBytes(hub, id, from, System.currentTimeMillis());
      ffmpeg.destroy();
      ffmpeg.waitFor(5, TimeUnit.SECONDS);
      double idle = idle(hub, id, seconds);
      System.out.printf(
          "recording 1080p25, no detection, %d s after %d s: hub %.2f %% of a core (receiving the"
              + " RTSP stream included), ffmpeg -c copy -f segment %.2f %%, ratio %.2f%n",
          seconds, SETTLE_MS / 1000, hubShare * 100, ffmpegShare * 100, hubShare / ffmpegShare);
      System.out.printf(
          "  the same hub not recording (camera off, %d s): %.2f %%; recording's own cost %.2f %%,"
              + " ratio to ffmpeg %.2f%n",
          seconds, idle * 100, (hubShare - idle) * 100, (hubShare - idle) / ffmpegShare);
      System.out.println("  hub threads while recording: " + byThread);
      System.out.printf(
          "  without the JIT compiler's threads (a cost of the first minutes, not of each stream):"
              + " hub %.2f %%, ratio %.2f; recording's own cost %.2f %%, ratio %.2f%n",
          (hubShare - jit) * 100,
          (hubShare - jit) / ffmpegShare,
          (hubShare - jit - idle) * 100,
          (hubShare - jit - idle) / ffmpegShare);
      System.out.printf(
          "storage: %.0f MB per hour (segments that ended in the window)%n",
          bytes / 1e6 * 3600.0 / seconds);
    }
  }

  /** The hub's CPU with the camera no longer recorded and its feed closed. */
  private static double idle(BenchHub hub, String id, int seconds) throws Exception {
    hub.asOwner("PUT", "/api/v1/cameras/" + id + "/recording", new JsonObject().put("mode", "off"));
    Thread.sleep(15_000); // the switchboard's linger (10 s) before the camera's feed closes
    CpuMeter idle = new CpuMeter(List.of(hub.process()));
    idle.start();
    Thread.sleep(seconds * 1000L);
    return idle.perStream(1);
  }

  private static void withDetection(Path work, GstCamera camera, int seconds) throws Exception {
    try (BenchHub hub =
        BenchHub.start(
            work.resolve("hub2"),
            work.resolve("hub2.log"),
            List.of("recording.segment-seconds=10", "restream.port=0", "restream.tls-port=0"))) {
      record(hub, camera);
      Thread.sleep(SETTLE_MS);
      List<ProcessHandle> all = new ArrayList<>(List.of(hub.process()));
      hub.process().children().forEach(all::add);
      CpuMeter cpu = new CpuMeter(all);
      CpuMeter detectors = new CpuMeter(all.subList(1, all.size()));
      ThreadCpu threads = new ThreadCpu(hub.process());
      cpu.start();
      detectors.start();
      threads.start();
      Thread.sleep(seconds * 1000L);
      System.out.printf(
          "recording 1080p25 with motion detection, %d s: hub + %d detector process(es) %.2f %% of"
              + " a core (subtract the line above for detection alone), the detector's ffmpeg"
              + " alone %.2f %%%n",
          seconds, all.size() - 1, cpu.perStream(1) * 100, detectors.perStream(1) * 100);
      System.out.println("  hub threads: " + threads.shares());
    }
  }

  private static String record(BenchHub hub, GstCamera camera) throws Exception {
    String id = hub.addCamera("Bench", camera.url());
    hub.asOwner(
        "PUT", "/api/v1/cameras/" + id + "/recording", new JsonObject().put("mode", "continuous"));
    return id;
  }

  private static long recordedBytes(BenchHub hub, String id, long from, long to) throws Exception {
    JsonObject listed =
        hub.asOwner(
            "GET",
            "/api/v1/cameras/" + id + "/recordings?limit=500&from=" + from + "&to=" + to,
            null);
    long total = 0;
    for (Object o : listed.getJsonArray("segments")) {
      JsonObject s = (JsonObject) o;
      total += s.getLong("bytes");
    }
    return total;
  }

  private static Process segmenter(String url, Path out) throws Exception {
    return new ProcessBuilder(
            "ffmpeg",
            "-v",
            "error",
            "-nostdin",
            "-rtsp_transport",
            "tcp",
            "-i",
            url,
            "-c",
            "copy",
            "-f",
            "segment",
            "-segment_time",
            "10",
            "-segment_format",
            "mp4",
            out.resolve("seg%05d.mp4").toString())
        .redirectErrorStream(true)
        .redirectOutput(out.resolve("ffmpeg.log").toFile())
        .start();
  }

  /** Motion-to-event latency with the scheduled picture, in this JVM. */
  private static void latency(Path work, int seconds) throws Exception {
    H264TestClip motion = H264TestClip.encodeMotion(work);
    Vertx vertx = Vertx.vertx();
    Database db = Database.open(vertx, work.resolve("latency.db"));
    CameraStore cameras = new CameraStore(db);
    EventStore events = new EventStore(vertx, db, 7, 100_000);
    Await.get(events.start());
    Devices devices = new Devices(db, events, new Access(new GrantStore(db)));
    MediaSources sources = new MediaSources();
    sources.register(motion.cameras("h264motion"));
    Switchboard switchboard = new Switchboard(vertx, sources, new SwitchboardOptions());
    var config =
        new ConfigLoader(RecordingSettings.keys())
            .build()
            .with(RecordingSettings.MOTION_HOLD_SECONDS, 1)
            .with(RecordingSettings.SEGMENT_SECONDS, 2);
    Recordings recordings =
        new Recordings(vertx, db, work, switchboard, cameras, devices, new AuditLog(db), config);
    Await.get(recordings.start());
    Camera yard =
        Await.get(
            cameras.create(
                Principal.HUB,
                "rtsp",
                new Camera(null, "Yard", URI.create("h264motion://yard"), null, null)));
    long start = System.currentTimeMillis();
    Await.get(recordings.setMode(Principal.HUB, yard.id(), RecordingMode.EVENTS));
    Thread.sleep(seconds * 1000L);
    List<CameraEvent> found =
        Await.get(recordings.events().list(List.of(yard.id()), 0, Long.MAX_VALUE, 500, null))
            .events();
    List<Long> nanos = new ArrayList<>();
    for (CameraEvent e : found) {
      long since = e.startedAt() - start - 2000;
      nanos.add(Math.floorMod(since + 1000, 4000) * 1_000_000L - 1_000_000_000L);
    }
    long thumbs = found.stream().filter(CameraEvent::thumbnail).count();
    System.out.printf(
        "motion to event (%d events, %d with thumbnails, in %d s): p50 %.0f ms, p95 %.0f ms,"
            + " max %.0f ms after the picture began to move (the camera's clock starts at"
            + " setMode, within a few ms)%n",
        found.size(),
        thumbs,
        seconds,
        Percentiles.percentile(nanos, 0.50),
        Percentiles.percentile(nanos, 0.95),
        Percentiles.percentile(nanos, 1.0));
    long segmentBytes;
    try (Stream<Path> files = Files.walk(work.resolve("recordings"))) {
      segmentBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf(
        "events only (320x240 clip, moving half the time): %.1f MB per hour on disk%n",
        segmentBytes / 1e6 * 3600.0 / seconds);
    Await.get(recordings.close());
    Await.get(switchboard.close());
  }
}
