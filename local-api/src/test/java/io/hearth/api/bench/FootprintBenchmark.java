package io.hearth.api.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The box's footprint (issue 13): a hub in its own JVM with the systemd unit's {@code
 * HEARTH_JAVA_OPTS} (or {@code -Dbench.hub-jvm-args}), 8 scripted RTSP cameras (1080p30 H.264,
 * about 6 Mbit/s each) each watched by one viewer, and 1,000 sensor readings a second through a
 * real mosquitto and the hub's MQTT adapter. Prints RSS, HWM, heap, metaspace, fds, threads and CPU
 * every {@code bench.sample-s} seconds for {@code bench.seconds}; asserts nothing. Loopback only.
 * See docs/benchmarks.md.
 */
public final class FootprintBenchmark {
  private static final Pattern UNIT_OPTS = Pattern.compile("HEARTH_JAVA_OPTS=([^\"]*)\"");

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("local-api/target/bench/footprint").toAbsolutePath();
    Files.createDirectories(dir);
    String jvm = System.getProperty("bench.hub-jvm-args", unitJavaOptions());
    System.setProperty("bench.hub-jvm-args", jvm);
    System.out.println("machine: " + Machine.describe() + "; load " + Machine.loadAverage());
    System.out.println("hub JVM options: " + jvm);
    H264Clip clip = H264Clip.prepare(Path.of("local-api/target/bench").toAbsolutePath());
    Vertx vertx = Vertx.vertx();
    try (SensorLoad sensors = SensorLoad.startBroker(Files.createTempDirectory(dir, "mqtt"));
        ClipRtspCamera camera = ClipRtspCamera.start(clip);
        BenchHub hub =
            BenchHub.start(
                Files.createTempDirectory(dir, "data"),
                dir.resolve("hub.log"),
                List.of("mqtt.url=" + sensors.url()))) {
      new FootprintBenchmark().run(hub, camera, sensors, vertx.createWebSocketClient());
    } finally {
      vertx.close();
    }
    System.exit(0);
  }

  private void run(BenchHub hub, ClipRtspCamera camera, SensorLoad sensors, WebSocketClient ws)
      throws Exception {
    FootprintSampler sampler = new FootprintSampler(hub.process());
    Thread.sleep(3_000);
    System.out.println("idle: " + sampler.sample() + "; " + sampler.heap());
    int cameras = Integer.getInteger("bench.cameras", 8);
    List<BenchViewer> viewers = new ArrayList<>();
    for (int i = 0; i < cameras; i++) {
      String id = hub.addCamera("cam" + i, camera.url("cam" + i));
      BenchViewer viewer =
          BenchViewer.connect(
              ws, hub.httpPort(), hub.openSession(hub.ownerToken(), id), camera.log("cam" + i));
      viewer.awaitFirstMedia(30_000);
      viewers.add(viewer);
    }
    sensors.publish(Integer.getInteger("bench.events", 1000));
    measure(sampler, viewers, sensors);
    viewers.forEach(BenchViewer::close);
  }

  private void measure(FootprintSampler sampler, List<BenchViewer> viewers, SensorLoad sensors)
      throws InterruptedException {
    long seconds = Long.getLong("bench.seconds", 180);
    long every = Long.getLong("bench.sample-s", 15);
    long cpu0 = sampler.cpuNanos();
    long wall0 = System.nanoTime();
    long lastCpu = cpu0;
    long lastWall = wall0;
    for (long t = every; t <= seconds; t += every) {
      Thread.sleep(every * 1000);
      long cpu = sampler.cpuNanos();
      long wall = System.nanoTime();
      System.out.printf(
          Locale.ROOT,
          "t=%3d s: %s; CPU %.0f %% of a core; frames %d; readings %d; load %s%n",
          t,
          sampler.sample(),
          100.0 * (cpu - lastCpu) / (wall - lastWall),
          viewers.stream().mapToLong(BenchViewer::frames).sum(),
          sensors.sent(),
          Machine.loadAverage());
      if (t % 60 == 0 || t + every > seconds) {
        System.out.println("       " + sampler.heap());
      }
      lastCpu = cpu;
      lastWall = wall;
    }
    report(sampler, viewers, (sampler.cpuNanos() - cpu0) / (double) (System.nanoTime() - wall0));
  }

  private static void report(FootprintSampler s, List<BenchViewer> viewers, double cpu) {
    System.out.printf(
        Locale.ROOT,
        "summary: largest RSS sampled %d MB, VmHWM %d MB, most fds %d, mean CPU %.0f %% of a core%n",
        s.maxRssKb / 1024,
        s.status("VmHWM:") / 1024,
        s.maxFds,
        cpu * 100);
    for (int i = 0; i < viewers.size(); i++) {
      System.out.printf(
          Locale.ROOT,
          "viewer %d: %d frames, %d rejected%n",
          i,
          viewers.get(i).frames(),
          viewers.get(i).rejected());
    }
  }

  /** HEARTH_JAVA_OPTS of packaging/deb/src/deb/hearth.service, as the launcher gets it. */
  static String unitJavaOptions() throws java.io.IOException {
    Path unit = Path.of("packaging/deb/src/deb/hearth.service");
    Matcher matcher = UNIT_OPTS.matcher(Files.readString(unit));
    if (!matcher.find()) {
      throw new IllegalStateException("no HEARTH_JAVA_OPTS in " + unit);
    }
    return matcher.group(1).trim();
  }
}
