package io.hearth.adapters.mdns;

import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real RTSP camera on the far side of a {@link TestNetwork}: GStreamer's RTSP server
 * (rtsp-peer.py, run by Debian's /usr/bin/python3) behind a relay on one address of the namespace
 * that records every connection and every Authorization header a client sends.
 */
final class RtspPeer {
  static final String USER = "admin";
  static final String PASSWORD = "s3cret-Pa55";
  private static final String PYTHON = "/usr/bin/python3";
  private static final String PACKAGES =
      "python3-gi python3-gst-1.0 gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-good"
          + " gstreamer1.0-plugins-ugly";

  private final Process process;
  private final Path log;

  private RtspPeer(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A camera at {@code address}:8554/cam, {@code width} x {@code height}, Basic or Digest. */
  static RtspPeer start(
      TestNetwork net, Path dir, String name, String address, int size, String method)
      throws IOException, InterruptedException {
    requirePeer();
    Path script = dir.resolve("rtsp-peer.py");
    if (!Files.exists(script)) {
      try (InputStream in = RtspPeer.class.getResourceAsStream("/rtsp-peer.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    int width = size == 480 ? 640 : 320;
    Path log = dir.resolve("rtsp-" + name + ".log");
    List<String> command =
        List.of(
            PYTHON,
            script.toString(),
            address,
            "8554",
            String.valueOf(18_000 + Math.abs(name.hashCode() % 1000)),
            String.valueOf(width),
            String.valueOf(size),
            method,
            USER,
            PASSWORD);
    RtspPeer peer = new RtspPeer(net.start(command, log), log);
    peer.awaitReady();
    return peer;
  }

  /** What it recorded: CONNECT and AUTHZ lines. */
  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  void stop() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!output().contains("READY")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the RTSP peer did not start: " + output());
      }
      Thread.sleep(20);
    }
  }

  private static void requirePeer() throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      Peers.missing(PYTHON + " not found: install the Debian packages " + PACKAGES);
    }
    Process check =
        new ProcessBuilder(
                PYTHON,
                "-c",
                "import gi; gi.require_version('GstRtspServer', '1.0');"
                    + " from gi.repository import GstRtspServer")
            .redirectErrorStream(true)
            .start();
    if (!check.waitFor(20, TimeUnit.SECONDS) || check.exitValue() != 0) {
      check.destroyForcibly();
      Peers.missing("GStreamer RTSP server bindings missing: install " + PACKAGES);
    }
  }
}
