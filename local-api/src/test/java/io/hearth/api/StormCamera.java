package io.hearth.api;

import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP camera of the storm: GStreamer's RTSP server (storm/storm-camera.py, Debian's
 * /usr/bin/python3) on the far side of a {@link TestNetwork}, at its own address, port 8554, with
 * its own picture size, refusing either UDP or TCP so that the hub fetches it the other way. It can
 * be killed and started again at the same address: a cut camera link.
 */
final class StormCamera {
  static final int PORT = 8554;
  private static final String PYTHON = "/usr/bin/python3";

  final String name;
  final String address;
  final int width;
  final int height;
  final String lower;
  private final TestNetwork net;
  private final Path dir;
  private Process process;
  private Path log;
  private int starts;

  StormCamera(TestNetwork net, Path dir, String name, String address, int w, int h, String lower) {
    this.net = net;
    this.dir = dir;
    this.name = name;
    this.address = address;
    this.width = w;
    this.height = h;
    this.lower = lower;
  }

  String size() {
    return width + "x" + height;
  }

  String url() {
    return "rtsp://" + address + ":" + PORT + "/cam";
  }

  /** Starts the server without waiting for it; see {@link #awaitReady}. */
  void start() throws IOException {
    Peers.require("python3", "python3");
    log = dir.resolve("camera-" + name + "-" + ++starts + ".log");
    List<String> command =
        List.of(
            PYTHON,
            script(dir).toString(),
            address,
            String.valueOf(PORT),
            String.valueOf(width),
            String.valueOf(height),
            lower);
    process = net.start(command, log);
  }

  /** Waits until the server listens. */
  void awaitReady(long millis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!Files.exists(log) || !Files.readString(log).contains("READY")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "camera "
                + name
                + " did not start: "
                + (Files.exists(log) ? Files.readString(log) : ""));
      }
      Thread.sleep(20);
    }
  }

  /** kill -9, as a power cut or a crash would end it; waits until it is gone. */
  void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }

  static synchronized Path script(Path dir) throws IOException {
    Path script = dir.resolve("storm-camera.py");
    if (!Files.exists(script)) {
      try (InputStream in = StormCamera.class.getResourceAsStream("/storm/storm-camera.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    return script;
  }
}
